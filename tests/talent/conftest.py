from tests.mentoring.conftest import mentoring  # noqa: F401 (fixture)
