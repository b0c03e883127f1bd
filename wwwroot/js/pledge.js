// The pledge's enhancements. Every page works without this script; with it:
// - the count and the latest-signatures feed update live from /pledge/live (Server-Sent Events);
// - the error summary takes focus, and its links move focus to their fields;
// - the affiliation question hides for teams, societies and departments;
// - the thank-you page gets "Copy link" and the browser's own share sheet.
(function () {
  "use strict";
  if (window.itStopsHerePledge) { return; }
  window.itStopsHerePledge = true;

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var ANNOUNCE_EVERY_MS = 10000;

  // ---- Error summary -------------------------------------------------------------------------
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var legendOrLabel = field.closest("fieldset") ? field.closest("fieldset").querySelector("legend") : document.querySelector("label[for='" + field.id + "']");
      (legendOrLabel || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // ---- Affiliation only for individuals ------------------------------------------------------
  var individualOnly = document.querySelector("[data-individual-only]");
  var signingAs = document.querySelectorAll("input[name='Input.SigningAs']");
  if (individualOnly && signingAs.length) {
    var update = function () {
      var checked = document.querySelector("input[name='Input.SigningAs']:checked");
      individualOnly.hidden = !!checked && checked.value !== "individual";
    };
    signingAs.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  }

  // ---- Share ---------------------------------------------------------------------------------
  var status = document.querySelector("[data-share-status]");
  var copy = document.querySelector("[data-share-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var input = document.getElementById(copy.getAttribute("data-share-copy"));
      navigator.clipboard.writeText(input.value).then(function () {
        if (status) { status.textContent = "Link copied."; }
      }, function () {
        input.select();
        if (status) { status.textContent = "Select the link and copy it."; }
      });
    });
  }
  var share = document.querySelector("[data-share-native]");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({
        title: share.getAttribute("data-share-title"),
        text: share.getAttribute("data-share-text"),
        url: share.getAttribute("data-share-url")
      }).catch(function () { /* the person closed the share sheet */ });
    });
  }

  // ---- Live count and feed -------------------------------------------------------------------
  var live = document.querySelector("[data-pledge-live]");
  if (!live || !window.EventSource) { return; }

  var counts = document.querySelectorAll("[data-pledge-count]");
  var nouns = document.querySelectorAll("[data-pledge-count-noun]");
  var bars = document.querySelectorAll("[data-pledge-progress]");
  var feeds = document.querySelectorAll("[data-pledge-feed]");
  var empties = document.querySelectorAll("[data-pledge-feed-empty]");
  var announcer = document.querySelector("[data-pledge-announcer]");
  var shown = parseCount(counts.length ? counts[0].textContent : "0");
  var lastAnnounced = Date.now();
  var announceTimer = null;
  var tween = null;

  function parseCount(text) { return parseInt(String(text).replace(/[^0-9]/g, ""), 10) || 0; }
  function format(n) { return Math.round(n).toLocaleString("en-GB"); }

  function setCount(count, text) {
    bars.forEach(function (bar) { bar.value = Math.min(count, Number(bar.max) || count); });
    nouns.forEach(function (noun) { noun.textContent = count === 1 ? "signature" : "signatures"; });
    animate(count, text);
    scheduleAnnouncement(text, count);
  }

  // The number counts up briefly, unless the person prefers less motion.
  function animate(target, text) {
    if (tween) { cancelAnimationFrame(tween); tween = null; }
    var from = shown;
    shown = target;
    if (reduceMotion || from === target || Math.abs(target - from) > 500) {
      counts.forEach(function (el) { el.textContent = text; });
      return;
    }
    var start = performance.now();
    var step = function (now) {
      var t = Math.min(1, (now - start) / 400);
      var value = t >= 1 ? text : format(from + (target - from) * t);
      counts.forEach(function (el) { el.textContent = value; });
      tween = t < 1 ? requestAnimationFrame(step) : null;
    };
    tween = requestAnimationFrame(step);
  }

  // A polite announcement at most every ten seconds, so a screen reader is not flooded.
  function scheduleAnnouncement(text, count) {
    if (!announcer) { return; }
    var say = function () {
      announceTimer = null;
      lastAnnounced = Date.now();
      announcer.textContent = text + (count === 1 ? " signature" : " signatures") + " so far.";
    };
    if (announceTimer) { clearTimeout(announceTimer); }
    var wait = Math.max(0, ANNOUNCE_EVERY_MS - (Date.now() - lastAnnounced));
    announceTimer = setTimeout(say, wait);
  }

  function row(s) {
    var li = document.createElement("li");
    li.className = "signature-feed__item";
    li.setAttribute("data-number", String(s.number));
    var number = document.createElement("span");
    number.className = "signature-feed__number";
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = "Number ";
    number.appendChild(label);
    number.appendChild(document.createTextNode(s.numberText));
    var name = document.createElement("span");
    name.className = "signature-feed__name";
    name.textContent = s.name;
    var description = document.createElement("span");
    description.className = "signature-feed__description";
    description.textContent = s.description;
    var date = document.createElement("time");
    date.className = "signature-feed__date";
    date.setAttribute("datetime", s.datetime);
    date.textContent = s.date;
    li.appendChild(number);
    li.appendChild(name);
    li.appendChild(description);
    li.appendChild(date);
    return li;
  }

  function addSignature(s) {
    feeds.forEach(function (feed) {
      if (feed.querySelector("[data-number='" + s.number + "']")) { return; }
      var li = row(s);
      if (!reduceMotion) { li.classList.add("signature-feed__item--new"); }
      // Keep newest first even if events arrive out of order.
      var before = Array.prototype.find.call(feed.children, function (child) {
        return Number(child.getAttribute("data-number")) < s.number;
      });
      feed.insertBefore(li, before || null);
      var size = Number(feed.getAttribute("data-feed-size")) || 10;
      while (feed.children.length > size) { feed.removeChild(feed.lastElementChild); }
    });
    empties.forEach(function (p) { p.hidden = true; });
  }

  function removeSignature(number) {
    feeds.forEach(function (feed) {
      var li = feed.querySelector("[data-number='" + number + "']");
      if (li) { feed.removeChild(li); }
    });
  }

  function reset(data) {
    feeds.forEach(function (feed) {
      var size = Number(feed.getAttribute("data-feed-size")) || 10;
      while (feed.firstChild) { feed.removeChild(feed.firstChild); }
      data.signatures.slice(0, size).forEach(function (s) { feed.appendChild(row(s)); });
    });
    empties.forEach(function (p) { p.hidden = data.signatures.length > 0; });
    setCount(data.count, data.countText);
  }

  // Connect once the page has loaded, so the stream never holds up the page (or the quick exit).
  // The page says which event its HTML reflects, so nothing that happens meanwhile is missed.
  // If the stream is full (the server answers 503) or cannot be reached, the browser gives up on it:
  // the page keeps the count it was rendered with, and tries again later: after the server's
  // Retry-After (data-live-retry, 30 seconds by default) plus up to as long again at first, doubling
  // each time up to ten times that, at a random moment so that a full server is not met by everyone
  // coming back at once.
  var retrySeconds = Number(live.getAttribute("data-live-retry")) || 30;
  var source = null;
  var lastId = live.getAttribute("data-live-after");
  var failures = 0;
  var retryTimer = null;

  function connect() {
    retryTimer = null;
    source = new EventSource("/pledge/live" + (lastId ? "?after=" + encodeURIComponent(lastId) : ""));
    var on = function (type, handler) {
      source.addEventListener(type, function (event) {
        if (event.lastEventId) { lastId = event.lastEventId; }
        try { handler(JSON.parse(event.data)); } catch (e) { /* a malformed event is ignored */ }
      });
    };
    on("count", function (d) { if (d.count !== shown) { setCount(d.count, d.countText); } });
    on("signature", addSignature);
    on("removed", function (d) { removeSignature(d.number); });
    on("reset", reset);
    source.addEventListener("open", function () { failures = 0; });
    source.addEventListener("error", function (event) {
      // While the browser reconnects by itself (the stream ended) it says CONNECTING; CLOSED means it gave up.
      if (event.target !== source || source.readyState !== EventSource.CLOSED) { return; }
      source = null;
      failures += 1;
      var wait = retrySeconds * 1000 * Math.min(10, Math.pow(2, failures - 1));
      retryTimer = setTimeout(connect, wait + Math.random() * wait);
    });
  }

  function disconnect() {
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    if (source) { source.close(); source = null; }
  }

  // Leaving the page (including by quick exit) closes the stream at once; coming back to it reopens it.
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function (event) { if (event.persisted && !source && !retryTimer) { connect(); } });
  if (document.readyState === "complete") { connect(); } else { window.addEventListener("load", connect); }
})();
