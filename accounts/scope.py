"""Which learners an administrator may see: the one place every report, export, list and detail page
asks. Learner apps (enrolments, quizzes, certificates, workbook, reports) filter with `learner_q`
rather than reading `AdministratorScope` themselves.

Rules:
- a superuser sees every learner (they can edit anyone's scope anyway);
- anyone else sees only what their `AdministratorScope` row covers: national = every learner; a police
  region, county or municipality = the learners whose profile lies in it (the municipality they
  serve, or for county administrative boards the county on their profile);
- no row = no learner at all. Group membership alone grants nothing.

The scope row and its area are read in one query and cached on the user object (in the one-to-one
accessor's cache, a missing row included), so calling these functions many times in one request
costs one query.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .models import AdministratorScope, ScopeKind, User

# A condition no row satisfies, valid on any relation: Django answers an empty `__in` without a query.
_NOTHING = "pk__in"


def get_scope(user) -> AdministratorScope | None:
    """The user's scope row, or None (anonymous, no row)."""
    if not getattr(user, "is_authenticated", False):
        return None
    relation = User.admin_scope.related
    if not relation.is_cached(user):
        scope = (
            AdministratorScope.objects.select_related("police_region", "county", "municipality")
            .filter(user=user)
            .first()
        )
        relation.set_cached_value(user, scope)
    return relation.get_cached_value(user)


def sees_everyone(user) -> bool:
    """True for superusers and national administrators: no learner filter applies."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    scope = get_scope(user)
    return scope is not None and scope.kind == ScopeKind.NATIONAL


def has_scope(user) -> bool:
    """True when the user may see at least some learners (a superuser or a scope row)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or get_scope(user) is not None


def learner_q(user, prefix: str = "") -> Q:
    """A Q over a relation to the learner (a `User`) that keeps only learners in `user`'s scope.

    `prefix` is the path from the queried model to the learner, with its trailing `__`:
    `User.objects.filter(learner_q(admin))`, `Enrolment.objects.filter(learner_q(admin, "learner__"))`,
    `Certificate.objects.filter(learner_q(admin, "enrolment__learner__"))`.
    Without a scope the Q yields no rows; for everyone it is an empty Q (no join, no filter).
    Mind that Django drops an empty Q from `|`: `Q(a) | learner_q(national)` is just `Q(a)`, so
    test `sees_everyone(user)` first when OR-ing the scope with another condition.
    """
    if sees_everyone(user):
        return Q()
    scope = get_scope(user)
    if scope is None or not user.is_active:
        return Q(**{f"{prefix}{_NOTHING}": []})
    if scope.kind == ScopeKind.MUNICIPALITY:
        return Q(**{f"{prefix}municipality_id": scope.municipality_id})
    if scope.kind == ScopeKind.COUNTY:
        return Q(**{f"{prefix}municipality__county_id": scope.county_id}) | Q(**{f"{prefix}county_id": scope.county_id})
    if scope.kind == ScopeKind.POLICE_REGION:
        return Q(**{f"{prefix}municipality__county__police_region_id": scope.police_region_id}) | Q(
            **{f"{prefix}county__police_region_id": scope.police_region_id}
        )
    return Q(**{f"{prefix}{_NOTHING}": []})


def municipality_q(user, prefix: str = "") -> Q:
    """A Q over a relation to `organisations.Municipality` keeping the municipalities in `user`'s scope
    (for coverage: a county administrator's map shows their county's municipalities)."""
    if sees_everyone(user):
        return Q()
    scope = get_scope(user)
    if scope is None or not user.is_active:
        return Q(**{f"{prefix}{_NOTHING}": []})
    if scope.kind == ScopeKind.MUNICIPALITY:
        return Q(**{f"{prefix}pk": scope.municipality_id})
    if scope.kind == ScopeKind.COUNTY:
        return Q(**{f"{prefix}county_id": scope.county_id})
    if scope.kind == ScopeKind.POLICE_REGION:
        return Q(**{f"{prefix}county__police_region_id": scope.police_region_id})
    return Q(**{f"{prefix}{_NOTHING}": []})


def learners_in_scope(user) -> QuerySet[User]:
    """Every learner account `user` may see."""
    return User.objects.filter(learner_q(user))


def can_see_learner(admin, learner: User | int) -> bool:
    """Whether `admin` may see `learner` (a user or its pk); at most one query after the scope."""
    learner_pk = getattr(learner, "pk", learner)
    if sees_everyone(admin):
        return True
    if not has_scope(admin):
        return False
    return User.objects.filter(learner_q(admin), pk=learner_pk).exists()


def scope_label(user) -> str:
    """A short human label of what `user` covers, in the active language ("All of Sweden", "Skåne län", …)."""
    if getattr(user, "is_superuser", False):
        return _("All of Sweden (superuser)")
    scope = get_scope(user)
    if scope is None:
        return _("No learners (no scope set)")
    if scope.kind == ScopeKind.NATIONAL:
        return _("All of Sweden")
    if scope.kind == ScopeKind.POLICE_REGION:
        return _("Police region %(name)s") % {"name": scope.police_region}
    if scope.kind == ScopeKind.COUNTY:
        return str(scope.county)
    return _("Municipality: %(name)s") % {"name": scope.municipality}
