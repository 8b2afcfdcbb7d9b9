// django-import-export's "Select all" box on the export page calls its function from an
// inline onchange attribute, which the Content-Security-Policy blocks. Our copy of the
// template (templates/admin/import_export/export.html) leaves the attribute out; this
// file binds the same function, which the library's export_selectable_fields.js defines.
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll(".select-toggle")) {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
