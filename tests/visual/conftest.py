"""The reference screenshots run in the same real browser, against the same live site,
as the other browser checks: their fixtures are reused as they are."""

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    browser_context_args,
    browser_type_launch_args,
    site,
)
