// Quick exit, to the GOV.UK "Exit this page" pattern. Without JavaScript the button is a plain link to the
// exit page. With it:
// - leaving blanks this page at once and replaces it in the history (location.replace);
// - Shift pressed three times within the window (5 s) leaves too; Shift used with another key, or any
//   other key in between, starts the count again; a screen reader hears how many presses are left;
// - coming Back into the site after an exit (from the back/forward cache or a reload of a history entry)
//   leaves again instead of showing the page, for as long as this tab stays open;
// - Esc does nothing here on purpose: browsers and screen readers use it to close menus, stop loading and
//   leave a form field, so pressing it a few times is ordinary and must not throw someone off a half-filled form.
// The mobile menu is a native <details> disclosure; the script only keeps it open on wide screens.
(function () {
  "use strict";
  var root = document.documentElement;
  var LEFT = "itstopshere.left";
  var SEEN = "itstopshere.seen";

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function blank() {
    root.classList.add("is-leaving");
    if (document.body) { document.body.style.visibility = "hidden"; }
    document.title = "Loading";
  }

  var link = document.querySelector("[data-quick-exit]");
  var target = link ? link.getAttribute("href") : null;

  function leave(event) {
    if (event) { event.preventDefault(); }
    if (!target) { return; }
    blank();
    var store = storage();
    if (store) { try { store.setItem(LEFT, target); } catch (e) { /* private mode: still leave */ } }
    window.location.replace(target);
  }

  // Back into the site after an exit: leave again. A fresh visit (typed, bookmarked, a link) clears the mark.
  function cameBack(persisted) {
    var store = storage();
    var left = store && store.getItem(LEFT);
    if (!left) { return false; }
    var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (persisted || (entry && entry.type === "back_forward")) {
      blank();
      window.location.replace(left);
      return true;
    }
    store.removeItem(LEFT);
    return false;
  }

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { cameBack(true); }
  });
  if (cameBack(false) || !link) { return; }

  link.addEventListener("click", leave);

  // Shift three times.
  var status = document.querySelector("[data-quick-exit-status]");
  var windowMs = 5000;
  var presses = 0;
  var timer = null;
  var shiftAlone = false;

  function announce(text) { if (status) { status.textContent = text; } }

  function reset() {
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) { shiftAlone = true; }
      return;
    }
    // Any other key (including Shift+letter) breaks the sequence.
    shiftAlone = false;
    if (presses > 0) { reset(); announce(""); }
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) { return; }
    shiftAlone = false;
    presses += 1;
    if (presses >= 3) {
      reset();
      announce("Leaving this page");
      leave();
      return;
    }
    if (presses === 1) {
      timer = setTimeout(function () { reset(); announce("Exit this page cancelled"); }, windowMs);
    }
    var left = 3 - presses;
    announce("Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit this page");
  }, true);

  // The shortcut hint, only where a keyboard is likely: not on touch-only screens.
  var hint = document.querySelector("[data-shortcut-hint]");
  if (hint && window.matchMedia && window.matchMedia("(any-hover: hover), (any-pointer: fine)").matches) {
    hint.hidden = false;
  }

  // "Staying safe online" beside the exit: on the first page of a visit only (this tab, this session).
  var store = storage();
  if (store) {
    try {
      if (store.getItem(SEEN)) {
        Array.prototype.forEach.call(document.querySelectorAll("[data-first-visit-only]"), function (el) { el.hidden = true; });
      } else {
        store.setItem(SEEN, "1");
      }
    } catch (e) { /* storage refused: keep the link */ }
  }

  // Menu: always open on wide screens, where it is one row and its button is hidden.
  var menu = document.querySelector("[data-menu]");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 64rem)");
    var sync = function () { menu.open = wide.matches; };
    sync();
    if (wide.addEventListener) { wide.addEventListener("change", sync); }
  }

  // Lets tests (and anything else) know the shortcut is listening.
  root.setAttribute("data-quick-exit-ready", "");
})();
