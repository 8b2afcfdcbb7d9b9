"""The catalogue roles are tagged with: the sources every figure cites, and the
industries, skills and credentials a role involves."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from careers.models.natural_keys import SlugNaturalKeyManager
from careers.models.searching import SearchableQuerySet


class TopicQuerySet(SearchableQuerySet):
    """Shared by skills, industries and credentials: the things roles are tagged with."""

    search_title_field = "name"
    search_fields = ("name", "description")

    def with_role_counts(self):
        """Annotate each row with how many published roles it belongs to."""
        return self.annotate(
            role_count=models.Count("roles", filter=Q(roles__is_published=True), distinct=True)
        )


class SlugTopicManager(SlugNaturalKeyManager.from_queryset(TopicQuerySet)):
    pass


class CredentialQuerySet(TopicQuerySet):
    def with_published_roles(self):
        """Prefetch each credential's published roles as `role_credentials`, required
        first, then by title (one more query)."""
        return self.prefetch_related(
            models.Prefetch(
                "role_credentials",
                queryset=self.model._meta.get_field("role_credentials")
                .related_model.objects.filter(role__is_published=True)
                .select_related("role")
                .order_by("requirement", "role__title"),
            )
        )


class SkillQuerySet(TopicQuerySet):
    # A skill is found by its name, its description or any of its other names.
    search_related = (("aliases", "name"),)

    def for_slugs(self, slugs):
        """{slug: skill} for `slugs`, each found by its own slug or by an alias's (a
        merged skill's old slug, or another name such as "nlp"): one query."""
        found = {}
        rows = self.filter(Q(slug__in=slugs) | Q(aliases__slug__in=slugs)).annotate(
            alias_slug=F("aliases__slug")
        )
        for skill in rows:
            for slug in (skill.slug, skill.alias_slug):
                if slug in slugs:
                    found.setdefault(slug, skill)
        return found

    def grouped_by_category(self):
        """[(category label, [skills…]), …] in the categories' declared order."""
        skills = list(self.order_by("name"))
        return [
            (label, [skill for skill in skills if skill.category == value])
            for value, label in Skill.Category.choices
            if any(skill.category == value for skill in skills)
        ]


# How much of a title a source's label keeps (Source.__str__).
LABEL_TITLE_LENGTH = 40


def shorten_in_the_middle(text, limit):
    """`text` in at most `limit` characters, cut at word boundaries in the middle so
    that its start and its end (often a date or an edition) both stay."""
    if len(text) <= limit:
        return text
    head_room = (limit - 1) * 3 // 5
    head = text[: head_room + 1]
    head = head.rsplit(" ", 1)[0] if " " in head else head[:head_room]
    tail_room = limit - 1 - len(head)
    tail = text[-tail_room:]
    if text[-tail_room - 1] != " " and " " in tail:
        tail = tail.split(" ", 1)[1]  # no word cut in two
    return f"{head.rstrip(' ,;:?')}…{tail.lstrip()}"


def _joined(parts, separator):
    return separator.join(str(part) for part in parts if part)


class Source(models.Model):
    """A citation that figures point to. A figure we read in one source that quotes
    another (BLS's 36% as given in the careers article) cites the body that published
    it, `cited_in` the source we read it in; pages then say both."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(blank=True)
    note = models.TextField(
        blank=True,
        help_text="Anything else editors should know about this source.",
    )
    cited_in = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citing",
        verbose_name="as cited in",
        help_text=(
            "Only when we did not read this source ourselves: the source we read its "
            "figures in (e.g. BLS figures quoted in the careers article). Pages then show "
            "“…, as cited in …”."
        ),
    )

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cited_in__isnull=True) | ~Q(cited_in=F("pk")),
                name="source_not_cited_in_itself",
                violation_error_message="A source cannot be cited in itself.",
            ),
        ]

    def __str__(self):
        """The label editors choose a source by, wherever the admin names one (the
        salary desk's source boxes, their search results, lists, history): who published
        it, when, then the title shortened in the middle, so that sources read apart
        from their first words and one release stays apart from the next: "U.S. Bureau
        of Labor Statistics · 2026 · Occupational Employment…(OEWS), May 2025". A
        second-hand source adds where we read it (admin lists select "source__cited_in").
        The full reference is `reference`."""
        credit = self.credit
        parts = [credit, self.year]
        if self.title != credit:
            parts.append(shorten_in_the_middle(self.title, LABEL_TITLE_LENGTH))
        if self.cited_in_id:
            read_in = self.cited_in
            parts.append(f"as cited in {_joined([read_in.credit, read_in.year], ', ')}")
        return _joined(parts, " · ")

    @property
    def credit(self):
        """Who the source is from: its publisher, else its author, else (a body cited
        by name) its title."""
        return self.publisher or self.author or self.title

    @property
    def reference(self):
        """The full reference as plain text: "Title, Publisher, 2026"."""
        return _joined([self.title, self.publisher, self.year], ", ")

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        # One step only: "A, as cited in B" must end at a source we read ourselves.
        if self.cited_in_id is None:
            return
        if self.pk is not None and self.cited_in_id == self.pk:
            raise ValidationError({"cited_in": "A source cannot be cited in itself."})
        if self.pk is not None and self.citing.exists():
            raise ValidationError(
                {"cited_in": "Other sources are cited in this one, so it must stay first-hand."}
            )
        if self.cited_in.cited_in_id is not None:
            raise ValidationError(
                {"cited_in": "Choose a source we read ourselves: it is itself second-hand."}
            )

    @property
    def is_second_hand(self):
        return self.cited_in_id is not None

    @property
    def citation(self):
        """The citation as plain text, e.g. for the CSV export: "U.S. Bureau of Labor
        Statistics, as cited in What Careers…, 2026"."""
        if self.cited_in_id:
            return f"{self.reference}, as cited in {self.cited_in.reference}"
        return self.reference


class Industry(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    official_industries = models.ManyToManyField(
        "NaicsIndustry",
        blank=True,
        related_name="site_industries",
        verbose_name="official (NAICS) industries",
        help_text="The industries in BLS's estimates that this one covers, so its page and "
        "roles' pay by industry can show official figures.",
    )

    objects = SlugTopicManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "industries"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:industry-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class Skill(models.Model):
    class Category(models.TextChoices):
        PROGRAMMING = "programming", "Programming"
        MATHS_STATS = "maths-stats", "Mathematics & statistics"
        DATA = "data", "Data"
        MODELLING = "modelling", "Modeling"
        SOFT = "soft", "Soft skills"
        SPECIALISM = "specialism", "Domain specialties"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    category = models.CharField(max_length=20, choices=Category, db_index=True)
    description = models.TextField(blank=True)

    objects = SlugNaturalKeyManager.from_queryset(SkillQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [("merge_skill", "Can merge one skill into another")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:skill-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class CredentialKind(models.TextChoices):
    DEGREE = "degree", "Degree"
    CERTIFICATION = "certification", "Certification"
    LICENCE = "licence", "License"


class DegreeLevel(models.TextChoices):
    BACHELOR = "bachelor", "Bachelor’s"
    MASTER = "master", "Master’s"
    DOCTORATE = "doctorate", "Doctorate"


class Credential(models.Model):
    Kind = CredentialKind
    Level = DegreeLevel

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, db_index=True)
    level = models.CharField(
        max_length=20, choices=Level, blank=True, help_text="Degrees only: the degree’s level."
    )
    description = models.TextField(blank=True)
    skills = models.ManyToManyField(
        Skill,
        related_name="built_by",
        blank=True,
        help_text="Skills this credential builds, where a source says so (shown on skill pages).",
    )

    objects = SlugNaturalKeyManager.from_queryset(CredentialQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=CredentialKind.DEGREE, level__in=DegreeLevel.values)
                | (~Q(kind=CredentialKind.DEGREE) & Q(level="")),
                name="credential_level_only_for_degrees",
                violation_error_message="A degree needs a level; other credentials have none.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:credential-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class SkillAlias(models.Model):
    """Another name for a skill: the article's wording ("statistical analysis"), an
    abbreviation ("NLP"), or the name of a skill merged into this one. Searches and
    the skills match understand it, and its slug redirects to the skill's page."""

    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100, unique=True, help_text="E.g. “NLP”.")
    slug = models.SlugField(max_length=100, unique=True)

    objects = SlugNaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "skill alias"
        verbose_name_plural = "skill aliases"

    def __str__(self):
        return f"{self.name} → {self.skill}"

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["careers.skill"]

    def clean(self):
        if Skill.objects.filter(slug=self.slug).exclude(pk=self.skill_id).exists():
            raise ValidationError({"slug": "A skill already has this slug; choose another."})
