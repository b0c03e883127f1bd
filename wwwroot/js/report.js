// The report pages' small enhancements. Every page works without this script; with it the access-code
// page gets "Copy the code" and "Print this page" buttons. Nothing is written to the device's storage.
(function () {
  "use strict";
  var tools = document.querySelector("[data-report-code-tools]");
  if (!tools) { return; }
  var status = tools.querySelector("[data-copy-status]");
  var copy = tools.querySelector("[data-copy-code]");
  var print = tools.querySelector("[data-print-page]");
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.addEventListener("click", function () {
      var code = document.getElementById(copy.getAttribute("data-copy-code"));
      navigator.clipboard.writeText(code.textContent.trim()).then(function () {
        status.textContent = "Code copied. Paste it somewhere only you can see.";
      }, function () {
        status.textContent = "Could not copy: please write the code down.";
      });
    });
  } else if (copy) {
    copy.hidden = true;
  }
  if (print) {
    print.addEventListener("click", function () { window.print(); });
  }
  tools.hidden = false;
}());
