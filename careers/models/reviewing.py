"""The editors' "needs review" queue: roles whose figures are old, or whose article
figure is far from the official BLS median for the linked occupation (mixed into
careers.models.roles.RoleQuerySet)."""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce

from careers.models.figures import stale_before
from careers.official.role_pay import OfficialMedianQuerySet


class ReviewQuerySet(OfficialMedianQuerySet):
    def needs_review(self, today=None):
        """Roles an editor should check, in one query, with what is wrong annotated:

        - `figures_stale`: the salary's "as of" date is older than
          settings.SALARY_STALE_MONTHS (the desk's "stale" filter);
        - `article_figure`: the article's median or, without one, the middle of its
          range (low and high); `official_median` (see with_official_median), and
          `median_difference`, article minus official, in dollars; the role is listed
          when that is more than settings.REVIEW_MEDIAN_DIFFERENCE_PCT per cent of the
          official median, either way. A role without either figure is not compared.

        Compared in whole dollars (difference × 100 against official × per cent), so a
        difference of exactly the set share is not listed and one dollar more is.
        """
        pct = settings.REVIEW_MEDIAN_DIFFERENCE_PCT
        queryset = self._ensure_official_median().annotate(
            article_figure=Coalesce("salary_median", (F("salary_low") + F("salary_high")) / 2),
            median_difference=F("article_figure") - F("official_median"),
            figures_stale=ExpressionWrapper(
                Q(salary_as_of__lt=stale_before(today)), output_field=BooleanField()
            ),
        )
        queryset = queryset.annotate(
            difference_hundredfold=F("median_difference") * 100,
            allowed_hundredfold=F("official_median") * pct,
        )
        far = Q(difference_hundredfold__gt=F("allowed_hundredfold")) | Q(
            difference_hundredfold__lt=F("allowed_hundredfold") * -1
        )
        return queryset.filter(Q(figures_stale=True) | far).order_by("title")
