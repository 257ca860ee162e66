"""What every API view shares: who is calling, which districts they reach, the scope needed."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from rest_framework import generics
from rest_framework.pagination import BasePagination

from lattice.api.authentication import HasScope, district_ids_of
from lattice.api.pagination import IdCursor
from lattice.api.scopes import ApiScope
from lattice.people.access import scope_for
from lattice.people.models import District


class ApiView(generics.GenericAPIView):
    """A view that reads through ``lattice.people.access`` as the pages do, narrowed to the
    token's district; ``required_scope`` names the token scope it needs."""

    permission_classes = [HasScope]
    # Lists page by id; a view that answers one object sets None.
    pagination_class: type[BasePagination] | None = IdCursor
    required_scope: ApiScope
    # drf-spectacular sets this on the views it builds to write the schema: their querysets
    # are read for types only, so a read's side work (restarting lost runs) is skipped.
    swagger_fake_view = False

    def in_reach(self, district_field: str = "district_id") -> Q:
        """Q limiting rows to the token's district (no limit for a session) and, when the
        caller asks for one, to ``?district=KEY``."""
        q = Q()
        ids = district_ids_of(self.request)
        if ids is not None:
            q &= Q(**{f"{district_field}__in": ids})
        key = self.request.query_params.get("district")
        if key:
            q &= Q(**{f"{district_field}__in": District.objects.filter(key=key).values("pk")})
        return q

    def districts_reached(self) -> set[int] | None:
        """Every district whose people the caller may list (None: all, a superuser without a
        token). A teacher reaches their own district; a principal, the districts of the
        schools they led; an officer, their districts."""
        scope = scope_for(self.request.user)
        token_ids = district_ids_of(self.request)
        if scope.is_superuser:
            found: set[int] | None = None
        else:
            found = set(scope.officer_district_ids)
            user: Any = self.request.user
            staff = getattr(user, "staff_member", None)
            if staff is not None and staff.active:
                found.add(staff.district_id)
        if token_ids is not None:
            found = set(token_ids) if found is None else found & set(token_ids)
        return found
