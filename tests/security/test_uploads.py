"""Every upload path checks files by content, not by name (issue 10, hardening).

The inventory below names, for each file field of the app (forms and models), the test that proves a file
disguised by its name is refused. A new file field without an entry fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from django import forms
from django.apps import apps
from django.db import models

import renbang

ROOT = Path(__file__).resolve().parents[2]

CONTENT_CHECKED = {
    # spreadsheets: renbang.core.tabular.read_table (magic bytes, zip structure, text decoding)
    "renbang.people.forms.ImportUploadForm.file": "tests/people/test_import_files.py::"
                                                  "test_it_refuses_files_that_are_not_usable_rosters_and_writes_nothing",
    "renbang.needs.forms.AssessmentImportForm.file": "tests/needs/test_import.py::"
                                                     "test_it_refuses_files_that_are_not_spreadsheets",
    "renbang.competencies.forms.UploadForm.file": "tests/competencies/test_imports.py::"
                                                  "test_it_refuses_unreadable_files",
    "renbang.catalog.forms.ImportForm.file": "tests/catalog/test_transfer.py::"
                                             "test_it_refuses_a_file_that_is_not_a_spreadsheet",
    "renbang.evaluation.forms.ScoreImportForm.file": "tests/evaluation/test_scores.py::"
                                                     "test_it_refuses_a_file_that_is_not_a_spreadsheet",
    # attachments and certificates: PDF/JPEG/PNG by their magic bytes (filetype)
    "renbang.needs.forms.AttachmentForm.file": "tests/needs/test_fgd.py::"
                                               "test_it_accepts_pdf_and_png_attachments_by_content_only",
    "renbang.needs.models_extra.FocusGroupAttachment.file": "tests/needs/test_fgd.py::"
                                                            "test_it_accepts_pdf_and_png_attachments_by_content_only",
    "renbang.delivery.forms.ClaimForm.upload": "tests/delivery/test_claims.py::"
                                             "test_it_refuses_files_that_are_not_pdf_or_image",
    "renbang.delivery.models.ExternalClaim.file": "tests/delivery/test_claims.py::"
                                                  "test_it_refuses_files_that_are_not_pdf_or_image",
    # the agency's letterhead logo: PNG/JPEG by content (Pillow decodes it), size limits; renbang.org.services
    "renbang.org.forms.AgencyProfileForm.logo_file": "tests/org/test_setup_pages.py::"
                                                     "test_a_bad_logo_is_refused_with_a_message_and_the_typed_values_kept",
    "renbang.org.forms.SetupForm.logo_file": "tests/org/test_setup_pages.py::"
                                             "test_a_bad_setup_form_keeps_what_was_typed_and_writes_nothing",
    "renbang.org.models.Agency.logo": "tests/org/test_setup_pages.py::"
                                      "test_a_bad_logo_is_refused_with_a_message_and_the_typed_values_kept",
}


def file_fields() -> set[str]:
    found = set()
    for module_info in pkgutil.walk_packages(renbang.__path__, "renbang."):
        if "forms" not in module_info.name.rsplit(".", 1)[-1]:
            continue
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not issubclass(cls, forms.BaseForm):
                continue
            for field_name, field in cls.base_fields.items():
                if isinstance(field, forms.FileField):
                    found.add(f"{module.__name__}.{name}.{field_name}")
    for model in apps.get_models():
        if not model.__module__.startswith("renbang."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                found.add(f"{model.__module__}.{model.__name__}.{field.name}")
    return found


def test_every_file_field_has_a_content_check_test():
    assert file_fields() == set(CONTENT_CHECKED)


def test_the_named_tests_exist():
    for test in set(CONTENT_CHECKED.values()):
        path, name = test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(), test
