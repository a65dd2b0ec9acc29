// Onward's small behaviours. Every page works without this file; it only makes
// things nicer. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  "use strict";

  // A gap left to fill in, "[a project of yours]": the rule of feedback/drafts.py.
  var PLACEHOLDER = /\[[^\[\]\n]{1,120}\]/;
  var MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent || "");

  // What a copy button or a mail link says back: the element named by the
  // data-copy-status of the button, else a status line made after its group.
  function statusFor(control) {
    var selector = control.getAttribute("data-copy-status");
    var status = selector ? document.querySelector(selector) : null;
    if (status) return status;
    var group = control.parentElement;
    status = group.nextElementSibling;
    if (!status || !status.classList.contains("copy-status")) {
      status = document.createElement("p");
      status.className = "copy-status small mt-2 mb-0";
      status.setAttribute("role", "status");
      group.parentElement.insertBefore(status, group.nextSibling);
    }
    return status;
  }

  function say(control, text, warning) {
    var status = statusFor(control);
    status.textContent = text;
    status.classList.toggle("text-danger", !!warning);
  }

  function textOf(target) {
    return "value" in target ? target.value : target.textContent;
  }

  function select(target) {
    if (typeof target.select === "function") {
      target.focus();
      target.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function warnOfPlaceholder(control, text) {
    var gap = text.match(PLACEHOLDER);
    if (!gap) return false;
    say(control, "Fill in " + gap[0] + " first: it would go out as it is.", true);
    return true;
  }

  // Copy buttons: <button data-copy-target="#id">. The text is selected, then copied
  // where the clipboard API is there (a secure page); elsewhere (plain http on a LAN)
  // the selected text waits for Ctrl+C (⌘C on a Mac). A text with a "[...]" left in
  // it is not copied: the person is told to fill it in first.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target) return;
    var text = textOf(target);
    if (warnOfPlaceholder(button, text)) return;
    select(target);
    var byHand = "Selected: press " + (MAC ? "⌘C" : "Ctrl+C") + " to copy it.";
    if (!navigator.clipboard || !window.isSecureContext) {
      say(button, byHand);
      return;
    }
    navigator.clipboard.writeText(text).then(
      function () { say(button, "Copied. Paste it into your email."); },
      function () { say(button, byHand); }
    );
  });

  // Draft links: <a href="mailto:…?subject=…&body=…" data-mailto-source="#id">. Where
  // JavaScript runs, the link opens the text as edited on the page, not the first
  // draft, and never a text with a "[...]" left in it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-mailto-source]");
    if (!link) return;
    var source = document.querySelector(link.getAttribute("data-mailto-source"));
    if (!source) return;
    var text = textOf(source);
    if (warnOfPlaceholder(link, text)) {
      event.preventDefault();
      return;
    }
    var parts = link.getAttribute("href").split("?");
    var query = new URLSearchParams(parts[1] || "");
    link.href = parts[0] + "?subject=" + encodeURIComponent(query.get("subject") || "") +
      "&body=" + encodeURIComponent(text);
  });
})();
