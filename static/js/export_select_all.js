// django-import-export's "Select all" box on the export page calls its function from an
// inline onchange attribute, which the Content-Security-Policy blocks. Bind the same
// function from this file instead, and drop the attribute so the browser has nothing
// to block.
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll(".select-toggle[onchange]")) {
    toggle.removeAttribute("onchange");
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
