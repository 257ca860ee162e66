"""Carry two-factor enrolments over from django-otp (Lattice's first two-factor library) to
django-allauth's MFA, so nobody who enrolled loses their second factor or must enrol again.

django-otp's table is read with plain SQL because django-otp is no longer installed; on a
database that never had it, there is nothing to do. Both libraries use RFC 6238 TOTP; a
django-otp device is copied when it used the settings allauth uses (30-second steps, six
digits, counted from the Unix epoch), which every device Lattice created did.
"""

import base64

from django.db import migrations


def copy_totp_devices(apps, schema_editor):
    connection = schema_editor.connection
    if "otp_totp_totpdevice" not in connection.introspection.table_names():
        return
    Authenticator = apps.get_model("mfa", "Authenticator")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT user_id, key, step, t0, digits FROM otp_totp_totpdevice "
            "WHERE confirmed = %s ORDER BY id",
            [True],
        )
        rows = cursor.fetchall()
    for user_id, key, step, t0, digits in rows:
        if (step, t0, digits) != (30, 0, 6):
            continue
        if Authenticator.objects.filter(user_id=user_id, type="totp").exists():
            continue
        secret = base64.b32encode(bytes.fromhex(key)).decode()
        Authenticator.objects.create(user_id=user_id, type="totp", data={"secret": secret})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_sign_in_policy_providers_and_throttle"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(copy_totp_devices, migrations.RunPython.noop)]
