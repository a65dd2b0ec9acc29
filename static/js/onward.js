// Onward's small behaviours. Every page works without this file; it only makes
// things nicer. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  // Copy buttons: <button data-copy-target="#id">. The target's value or text is copied.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) return;
    var text = "value" in target ? target.value : target.textContent;
    navigator.clipboard.writeText(text).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // Draft links: <a href="mailto:…?subject=…&body=…" data-mailto-source="#id">. Where
  // JavaScript runs, the link opens the text as edited on the page, not the first draft.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-mailto-source]");
    if (!link) return;
    var source = document.querySelector(link.getAttribute("data-mailto-source"));
    if (!source) return;
    var parts = link.getAttribute("href").split("?");
    var subject = new URLSearchParams(parts[1] || "").get("subject") || "";
    link.href = parts[0] + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(source.value);
  });
})();
