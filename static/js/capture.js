// Capturing a job posting. Every page works without this file.
(function () {
  "use strict";

  // The relay page: its form carries the page the bookmarklet sent on to Onward's
  // capture page, from Onward's own origin. Without JavaScript, its button does.
  document.querySelectorAll("form[data-auto-submit]").forEach(function (form) {
    form.submit();
  });

  // The bookmarklet link runs on a job advert's page, not here: a click on Onward's
  // page would only be refused by the Content-Security-Policy, so it says what to do.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-bookmarklet]");
    if (!link) return;
    event.preventDefault();
    var hint = document.getElementById(link.getAttribute("aria-describedby").split(" ")[0]);
    if (hint) hint.classList.add("bookmarklet-hint-shown");
  });
})();
