// "Copy link" buttons: disabled (and invisible, their space kept) until this script
// runs, so pages without JavaScript show only what works there (the email link and
// the address bar), and enabling them moves nothing on the page.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("[data-copy-link]")) {
    const status = button.parentElement.querySelector(".share-status");
    button.disabled = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copyLink);
        if (status) status.textContent = "Link copied.";
      } catch {
        if (status) status.textContent = "Could not copy; copy the address from the address bar.";
      }
    });
  }
});
