// The board, moved like a board. Every card has a move menu that works without this
// file (a <details> of submit buttons, one per stage, posted by htmx or as a plain
// form); this file adds drag and drop on top of it: a card dropped on a column, on a
// phone's stage tab or on a closed stage submits its own menu's button for that stage,
// so the move goes the way a click on the button goes (htmx, the CSRF token, a move to
// rejected opening the rejection form). With a mouse: HTML5 drag and drop. With a
// finger or a pen: pointer events on the card's handle (⠿), as touch browsers do not
// all drag HTML5 draggables. No inline script anywhere: the CSP forbids it.
(function () {
  "use strict";

  var dragged = null; // the card being dragged
  var touch = null; // {card, ghost, pointer} while a finger drags a card
  var movedCard = null; // the id of the card a menu or a drop just moved
  var quickAdding = false; // whether the quick add was just sent

  function area() {
    return document.getElementById("board");
  }

  // Marks the cards draggable and gives each a handle for touch; again after each swap.
  function prepare() {
    var board = area();
    if (!board) return;
    board.classList.add("can-drag");
    board.querySelectorAll("[data-card]").forEach(function (card) {
      card.setAttribute("draggable", "true");
      if (card.querySelector(".drag-handle")) return;
      var handle = document.createElement("span");
      handle.className = "drag-handle";
      handle.setAttribute("aria-hidden", "true");
      handle.title = "Drag to another stage";
      handle.textContent = "⠿";
      card.querySelector(".card-body").prepend(handle);
    });
  }

  function dropTarget(element) {
    return element && element.closest ? element.closest("[data-drop-stage]") : null;
  }

  function highlight(target) {
    document.querySelectorAll(".is-drop-target").forEach(function (element) {
      if (element !== target) element.classList.remove("is-drop-target");
    });
    if (target) target.classList.add("is-drop-target");
  }

  // The closed stages are drop targets too: show them while a card is dragged.
  function showClosed() {
    var closed = document.querySelector(".board-closed");
    if (closed) closed.open = true;
  }

  // Submits the card's menu with the button for `stage`, as a click on it would;
  // false if there is none (the card is already there).
  function move(card, stage) {
    if (!card || !stage || card.getAttribute("data-stage") === stage) return false;
    var form = card.querySelector("form.card-move");
    if (!form) return false;
    var buttons = form.querySelectorAll('button[name="stage"]');
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].value === stage) {
        // A click, not requestSubmit(): htmx learns the submitter from its click.
        buttons[i].click();
        return true;
      }
    }
    return false;
  }

  function endDrag() {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    highlight(null);
  }

  // --- A mouse: HTML5 drag and drop --------------------------------------------------

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest("#board [data-card]") : null;
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.querySelector("h3").textContent);
    showClosed();
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var target = dropTarget(event.target);
    highlight(target);
    if (!target) return;
    event.preventDefault(); // this element takes the drop
    event.dataTransfer.dropEffect = "move";
  });

  document.addEventListener("drop", function (event) {
    if (!dragged) return;
    var target = dropTarget(event.target);
    if (target) {
      event.preventDefault();
      move(dragged, target.getAttribute("data-drop-stage"));
    }
    endDrag();
  });

  document.addEventListener("dragend", endDrag);

  // --- A finger or a pen: pointer events on the handle ------------------------------

  function place(event) {
    touch.ghost.style.left = event.clientX - 24 + "px";
    touch.ghost.style.top = event.clientY - 24 + "px";
  }

  function targetUnder(event) {
    return dropTarget(document.elementFromPoint(event.clientX, event.clientY));
  }

  function endTouch() {
    if (!touch) return;
    touch.ghost.remove();
    touch.card.classList.remove("is-dragging");
    touch = null;
    highlight(null);
  }

  document.addEventListener("pointerdown", function (event) {
    if (event.pointerType === "mouse") return;
    var handle = event.target.closest ? event.target.closest("#board .drag-handle") : null;
    if (!handle || touch) return;
    event.preventDefault();
    var card = handle.closest("[data-card]");
    var ghost = card.cloneNode(true);
    ghost.removeAttribute("id");
    ghost.removeAttribute("data-card");
    ghost.setAttribute("aria-hidden", "true");
    ghost.classList.add("drag-ghost");
    document.body.appendChild(ghost);
    touch = { card: card, ghost: ghost, pointer: event.pointerId };
    try {
      handle.setPointerCapture(event.pointerId);
    } catch (error) {
      // A pointer the browser no longer tracks: the moves still come to the document.
    }
    card.classList.add("is-dragging");
    place(event);
    showClosed();
  });

  document.addEventListener("pointermove", function (event) {
    if (!touch || event.pointerId !== touch.pointer) return;
    place(event);
    highlight(targetUnder(event));
  });

  document.addEventListener("pointerup", function (event) {
    if (!touch || event.pointerId !== touch.pointer) return;
    var card = touch.card;
    var target = targetUnder(event);
    endTouch();
    if (target) move(card, target.getAttribute("data-drop-stage"));
  });

  document.addEventListener("pointercancel", function (event) {
    if (touch && event.pointerId === touch.pointer) endTouch();
  });

  // --- The move menu: Escape closes it, so does a click elsewhere --------------------

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("details.move-menu[open]")
      : null;
    if (!menu) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });

  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.move-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });

  // --- Focus after htmx swaps the board in -------------------------------------------

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest ? event.target.closest("form.card-move") : null;
    movedCard = form ? form.closest("[data-card]").id : null;
    quickAdding = event.target.id === "quick-add";
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    prepare();
    var board = area();
    if (!board) return;
    var focus = null;
    if (quickAdding) {
      focus = document.getElementById("quick-add-text"); // the next one, in a row
    } else if (movedCard) {
      var card = document.getElementById(movedCard);
      focus = card && card.offsetParent ? card.querySelector("summary") : null;
      focus = focus || board.querySelector(".message-button button");
    }
    movedCard = null;
    quickAdding = false;
    if (focus) focus.focus();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
