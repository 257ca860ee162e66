"""The Django admin for superusers: browse and correct people records.

Talent officers use Lattice's own pages; only superusers reach the admin (see lattice/urls.py).
Changes made here bypass the named actions, so the admin is for repairs, not daily work.
"""

from __future__ import annotations

from django.contrib import admin

from lattice.people.models import (
    AccessGrant,
    Assignment,
    Certificate,
    CreditRecord,
    Degree,
    District,
    Network,
    RatingRecord,
    School,
    SchoolYear,
    SchoolYearProfile,
    StaffMember,
)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "network"]
    list_filter = ["network"]
    search_fields = ["name", "key"]


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["label", "district", "start", "end"]
    list_filter = ["district"]


class SchoolYearProfileInline(admin.TabularInline):
    model = SchoolYearProfile
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "district"]
    list_filter = ["district"]
    search_fields = ["name", "key"]
    inlines = [SchoolYearProfileInline]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["school"]
    raw_id_fields = ["school_year"]


class RatingInline(admin.TabularInline):
    model = RatingRecord
    extra = 0


class DegreeInline(admin.TabularInline):
    model = Degree
    extra = 0


class CreditInline(admin.TabularInline):
    model = CreditRecord
    extra = 0


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "employee_id", "district", "hire_date", "active"]
    list_filter = ["district", "active"]
    search_fields = ["family_name", "given_name", "employee_id", "email"]
    raw_id_fields = ["user"]
    inlines = [AssignmentInline, RatingInline, DegreeInline, CreditInline, CertificateInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["staff_member", "school", "school_year", "position", "subject", "grades", "fte"]
    list_filter = ["position", "school_year__label", "school__district"]
    search_fields = ["staff_member__family_name", "staff_member__employee_id", "school__name"]
    raw_id_fields = ["staff_member", "school", "school_year"]
    list_select_related = ["staff_member", "school", "school_year"]


@admin.register(RatingRecord)
class RatingRecordAdmin(admin.ModelAdmin):
    list_display = ["staff_member", "school_year", "label"]
    list_filter = ["label", "school_year__label"]
    search_fields = ["staff_member__family_name", "staff_member__employee_id"]
    raw_id_fields = ["staff_member", "school_year"]
    list_select_related = ["staff_member", "school_year"]


@admin.register(AccessGrant)
class AccessGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "district", "network"]
    list_filter = ["role"]
    raw_id_fields = ["user"]
