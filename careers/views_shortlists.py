"""Advisors' own shortlists on the front of the site: "My shortlists", one list's page
(rename, notes, order, link), deleting, and adding a role from a role or compare page.

Every view is for signed-in advisors only; a list or role that is not the advisor's
own is not found (404), so no one can probe for other advisors' lists."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from careers import seo
from careers.accounts import is_advisor
from careers.models import Shortlist
from careers.shortlist_forms import AddToShortlistForm, ShortlistForm, ShortlistNoteForm


def advisor_required(view):
    """Signed-out visitors go to the sign-in page and back; others signed in get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not is_advisor(request.user):
            raise PermissionDenied("Only careers advisors keep shortlists.")
        return view(request, *args, **kwargs)

    return wrapped


def own_shortlist(request, pk):
    return get_object_or_404(Shortlist.objects.owned_by(request.user), pk=pk)


def render_private(request, template, context, status=200):
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@advisor_required
def my_shortlists(request):
    form = ShortlistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        shortlist = form.save(commit=False)
        shortlist.owner = request.user
        shortlist.save()
        messages.success(request, f"Made “{shortlist.title}”. Add roles from any role page.")
        return redirect("careers:my-shortlist", pk=shortlist.pk)
    shortlists = Shortlist.objects.owned_by(request.user).annotate(role_count=Count("items"))
    context = {
        "shortlists": shortlists,
        "form": form,
        "meta": seo.page_meta(request, "My shortlists"),
    }
    return render_private(request, "careers/my_shortlists.html", context)


def edit_page(request, shortlist, *, form=None, status=200):
    items = shortlist.items.select_related("role")
    context = {
        "shortlist": shortlist,
        "form": form or ShortlistForm(instance=shortlist),
        "items": [(item, ShortlistNoteForm(instance=item, prefix=item.pk)) for item in items],
        "meta": seo.page_meta(request, shortlist.title),
    }
    return render_private(request, "careers/my_shortlist.html", context, status=status)


@advisor_required
def my_shortlist(request, pk):
    shortlist = own_shortlist(request, pk)
    if request.method == "POST":
        form = ShortlistForm(request.POST, instance=shortlist)
        if form.is_valid():
            form.save()
            messages.success(request, "Saved the title and introduction.")
            return redirect("careers:my-shortlist", pk=pk)
        return edit_page(request, shortlist, form=form, status=400)
    return edit_page(request, shortlist)


@advisor_required
@require_POST
def shortlist_note(request, pk, item_pk):
    shortlist = own_shortlist(request, pk)
    item = get_object_or_404(shortlist.items.select_related("role"), pk=item_pk)
    form = ShortlistNoteForm(request.POST, instance=item, prefix=item.pk)
    if form.is_valid():
        form.save()
        messages.success(request, f"Saved the note on {item.role.title}.")
    return redirect(reverse("careers:my-shortlist", args=[pk]) + f"#item-{item.pk}")


@advisor_required
@require_POST
def shortlist_move(request, pk, item_pk, places):
    shortlist = own_shortlist(request, pk)
    shortlist.move(get_object_or_404(shortlist.items, pk=item_pk), places)
    return redirect(reverse("careers:my-shortlist", args=[pk]) + f"#item-{item_pk}")


@advisor_required
@require_POST
def shortlist_remove(request, pk, item_pk):
    shortlist = own_shortlist(request, pk)
    item = get_object_or_404(shortlist.items.select_related("role"), pk=item_pk)
    item.delete()
    messages.success(request, f"Took {item.role.title} off the list.")
    return redirect("careers:my-shortlist", pk=pk)


@advisor_required
@require_POST
def shortlist_renew_link(request, pk):
    shortlist = own_shortlist(request, pk)
    shortlist.renew_link()
    messages.success(request, "Made a new link. The old one no longer works.")
    return redirect("careers:my-shortlist", pk=pk)


@advisor_required
def shortlist_delete(request, pk):
    shortlist = own_shortlist(request, pk)
    if request.method == "POST":
        shortlist.delete()
        messages.success(request, f"Deleted “{shortlist.title}”. Its link no longer works.")
        return redirect("careers:my-shortlists")
    context = {"shortlist": shortlist, "meta": seo.page_meta(request, "Delete a shortlist")}
    return render_private(request, "careers/my_shortlist_delete.html", context)


@advisor_required
@require_POST
def add_to_shortlist(request):
    """The "Add to shortlist" control's form: back to the page it was on, with a message."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("careers:my-shortlists")
    form = AddToShortlistForm(request.POST, owner=request.user)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(back)
    shortlist, added = form.save()
    role = form.cleaned_data["role"].title
    if added:
        messages.success(request, f"Added {role} to “{shortlist.title}”.")
    else:
        messages.info(request, f"{role} is already on “{shortlist.title}”.")
    return redirect(back)
