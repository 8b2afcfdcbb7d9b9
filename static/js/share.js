// "Copy link" buttons: hidden until this script runs, so pages without
// JavaScript show only what works there (the email link and the address bar).
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("[data-copy-link]")) {
    const status = button.parentElement.querySelector(".share-status");
    button.hidden = false;
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
