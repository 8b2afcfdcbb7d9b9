// Escape hides the source shown under a footnote reference (WCAG 1.4.13: dismissible without
// moving the pointer or focus). It shows again once the pointer or focus moves elsewhere.
// Without this script the source still goes when the pointer or focus leaves.
let dismissed = null;
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const shown = document.querySelector(".ref:focus-within, .ref:hover");
  if (!shown) return;
  shown.classList.add("ref-dismissed");
  dismissed = shown;
});
function restore(event) {
  if (dismissed && !dismissed.contains(event.target)) {
    dismissed.classList.remove("ref-dismissed");
    dismissed = null;
  }
}
document.addEventListener("focusin", restore);
document.addEventListener("mouseover", restore);
