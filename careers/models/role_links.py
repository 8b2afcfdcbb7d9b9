"""What a role involves: its skills and credentials, and the steps from one role to another."""

from typing import NamedTuple

from django.db import models
from django.db.models import Case, F, Q, When
from simple_history.models import HistoricalRecords

from careers.models.catalogue import Credential, Skill, Source
from careers.models.natural_keys import SlugPairNaturalKeyManager


class RoleSkillQuerySet(models.QuerySet):
    def for_skill_page(self, skill):
        """The published roles that use `skill`, core first, then by title (one query)."""
        return (
            self.filter(skill=skill, role__is_published=True)
            .select_related("role")
            .order_by("importance", "role__title")
        )


class RoleCredentialQuerySet(models.QuerySet):
    def for_credential_page(self, credential):
        """The published roles that ask for `credential`, required first, then by title
        (one query)."""
        return (
            self.filter(credential=credential, role__is_published=True)
            .select_related("role")
            .order_by("requirement", "role__title")
        )


class RoleSteps(NamedTuple):
    """A role's steps to and from other published roles, each by the other role's title."""

    onward: list  # CareerStep from the role
    earlier: list  # CareerStep to the role


class CareerStepQuerySet(models.QuerySet):
    def around(self, role):
        """The steps from `role` to published roles and to it from published roles, with
        both roles and the source: one query, split in two."""
        steps = (
            self.filter(
                Q(from_role=role, to_role__is_published=True)
                | Q(to_role=role, from_role__is_published=True)
            )
            .select_related("from_role", "to_role", "source__cited_in")
            .order_by(Case(When(from_role=role, then="to_role__title"), default="from_role__title"))
        )
        onward, earlier = [], []
        for step in steps:
            (onward if step.from_role_id == role.pk else earlier).append(step)
        return RoleSteps(onward, earlier)


class RoleSkill(models.Model):
    class Importance(models.TextChoices):
        # Stored so that alphabetical order puts core first.
        CORE = "core", "Core"
        HELPFUL = "helpful", "Helpful"

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="role_skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="role_skills")
    importance = models.CharField(max_length=10, choices=Importance, default=Importance.CORE)

    NATURAL_KEY_LOOKUPS = ("role__slug", "skill__slug")

    objects = SlugPairNaturalKeyManager.from_queryset(RoleSkillQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "importance", "skill"]
        verbose_name = "role skill"
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="role_skill_unique"),
        ]

    def __str__(self):
        return f"{self.role}: {self.skill} ({self.get_importance_display().lower()})"

    def natural_key(self):
        return (*self.role.natural_key(), *self.skill.natural_key())

    natural_key.dependencies = ["careers.role", "careers.skill"]


class RoleCredential(models.Model):
    class Requirement(models.TextChoices):
        # Stored so that alphabetical order puts required first.
        REQUIRED = "a-required", "Required"
        PREFERRED = "b-preferred", "Preferred"

    role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="role_credentials")
    credential = models.ForeignKey(
        Credential, on_delete=models.CASCADE, related_name="role_credentials"
    )
    requirement = models.CharField(max_length=12, choices=Requirement, default=Requirement.REQUIRED)

    NATURAL_KEY_LOOKUPS = ("role__slug", "credential__slug")

    objects = SlugPairNaturalKeyManager.from_queryset(RoleCredentialQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "requirement", "credential"]
        verbose_name = "role credential"
        constraints = [
            models.UniqueConstraint(fields=["role", "credential"], name="role_credential_unique"),
        ]

    def __str__(self):
        return f"{self.role}: {self.credential} ({self.get_requirement_display().lower()})"

    def natural_key(self):
        return (*self.role.natural_key(), *self.credential.natural_key())

    natural_key.dependencies = ["careers.role", "careers.credential"]


class CareerStep(models.Model):
    """A move from one role to another: "a data analyst can become a data scientist".

    The article lists roles by stage but states no move between two roles, so most
    steps are our editors' suggestions (basis "editorial") and are shown as such; a
    step a source states has basis "article" and names that source.
    """

    class Basis(models.TextChoices):
        ARTICLE = "article", "Stated by a source"
        EDITORIAL = "editorial", "Editors’ note"

    class Kind(models.TextChoices):
        PROMOTION = "promotion", "Promotion"
        LATERAL = "lateral", "Lateral move"
        GRADUATE_DEGREE = "graduate-degree", "Needs a graduate degree"
        CERTIFICATION = "certification", "Needs a certification"
        INTERDISCIPLINARY = "interdisciplinary", "Interdisciplinary move"

    from_role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="steps_out")
    to_role = models.ForeignKey("Role", on_delete=models.CASCADE, related_name="steps_in")
    kind = models.CharField(max_length=20, choices=Kind)
    basis = models.CharField(
        max_length=10,
        choices=Basis,
        default=Basis.EDITORIAL,
        help_text="“Stated by a source” only when the source below describes this very move.",
    )
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="career_steps",
        help_text="The passage’s source; required when the step is stated by a source.",
    )
    typical_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Typical years before the move, only where the step’s source gives it.",
    )
    note = models.CharField(
        max_length=250, blank=True, help_text="Our own words; no figures (they live in statistics)."
    )

    NATURAL_KEY_LOOKUPS = ("from_role__slug", "to_role__slug")

    objects = SlugPairNaturalKeyManager.from_queryset(CareerStepQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_role", "to_role"]
        verbose_name = "career step"
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="career_step_unique"),
            models.CheckConstraint(
                condition=~Q(from_role=F("to_role")),
                name="career_step_not_to_itself",
                violation_error_message="A role cannot lead to itself.",
            ),
            models.CheckConstraint(
                condition=Q(typical_years__isnull=True) | Q(typical_years__lte=40),
                name="career_step_typical_years_sane",
                violation_error_message="Typical years must be 40 or fewer.",
            ),
            models.CheckConstraint(
                condition=Q(basis="editorial") | Q(source__isnull=False),
                name="career_step_article_has_source",
                violation_error_message="A step stated by a source must name that source.",
            ),
            models.CheckConstraint(
                condition=Q(typical_years__isnull=True) | Q(basis="article"),
                name="career_step_years_only_from_source",
                violation_error_message="Typical years can only come from the step’s source.",
            ),
        ]

    def __str__(self):
        return f"{self.from_role} → {self.to_role}"

    def natural_key(self):
        return (*self.from_role.natural_key(), *self.to_role.natural_key())

    natural_key.dependencies = ["careers.role"]

    @property
    def is_editorial(self):
        return self.basis == self.Basis.EDITORIAL
