"""Steps the browser journeys share: following a link or button to its page, and
signing in through the admin's form."""

from tests.helpers import PASSWORD


def go(page, locator):
    """Click something that loads a new page, and wait for that page."""
    with page.expect_navigation():
        locator.click()


def sign_in(page, site, username, path="/admin/"):
    """Open `path`, which asks a signed-out visitor to sign in, and sign in as
    `username` (made with tests.helpers.make_staff, so with PASSWORD)."""
    page.goto(site + path)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    go(page, page.get_by_role("button", name="Log in"))
