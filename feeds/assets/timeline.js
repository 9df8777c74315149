// The timeline page's script: filtering by series, country and year, search, copy buttons, and
// "in 12 days" kept current. Plain JavaScript, no library; the page works without it.
(function () {
  "use strict";
  var DAY = 86400000;

  function fold(text) {
    // Case- and accent-insensitive search: "hoi nghi" finds "Hội nghị".
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function words(list) {
    return (list || "").split(" ").filter(Boolean);
  }

  function setupFilter() {
    var form = document.getElementById("_filter");
    if (!form) return;
    var cards = Array.prototype.slice.call(document.querySelectorAll("article.event"));
    var count = document.getElementById("_f-count");
    var params = new URLSearchParams(window.location.search);
    ["series", "country", "year", "q"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && params.get(name)) field.value = params.get(name);
    });
    form.hidden = false;

    function apply() {
      var series = form.elements.namedItem("series").value;
      var country = form.elements.namedItem("country").value;
      var year = form.elements.namedItem("year").value;
      var query = fold(form.elements.namedItem("q").value.trim());
      var shown = 0;
      cards.forEach(function (card) {
        var ok = (!series || card.dataset.series === series) &&
          (!country || words(card.dataset.countries).indexOf(country) >= 0) &&
          (!year || words(card.dataset.years).indexOf(year) >= 0) &&
          (!query || fold(card.textContent).indexOf(query) >= 0);
        card.parentElement.hidden = !ok;
        if (ok) shown += 1;
      });
      document.querySelectorAll("ul.cards").forEach(function (list) {
        var visible = list.querySelector("li:not([hidden])") !== null;
        var heading = list.previousElementSibling;
        if (heading && heading.tagName === "H3") heading.hidden = !visible;
        var none = list.nextElementSibling;
        if (!none || !none.classList.contains("no-match")) {
          none = document.createElement("p");
          none.className = "no-match muted";
          none.textContent = form.dataset.none;
          list.parentNode.insertBefore(none, list.nextSibling);
        }
        none.hidden = visible || (heading !== null && heading.tagName === "H3");
      });
      var filtered = series || country || year || query;
      count.textContent = filtered ? form.dataset.shown.replace("{n}", shown).replace("{total}", cards.length) : "";
      var next = new URLSearchParams();
      if (series) next.set("series", series);
      if (country) next.set("country", country);
      if (year) next.set("year", year);
      if (query) next.set("q", form.elements.namedItem("q").value.trim());
      var search = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  function setupCopy() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.dataset.copy);
      if (!field) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        function done() {
          button.textContent = button.dataset.done;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }
        function fallback() {
          field.focus();
          field.select();
          try { if (document.execCommand("copy")) done(); } catch (e) { /* the address stays selected */ }
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  function parseDay(text) {
    var parts = text.split("-").map(Number);
    return Date.UTC(parts[0], parts[1] - 1, parts[2]);
  }

  function relative(span, today, lang) {
    var first = parseDay(span.dataset.first), last = parseDay(span.dataset.last), exact = span.dataset.exact === "1";
    var format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    if (first <= today && today <= last) return span.dataset.now; // "today", "under way", "due now"
    var future = today < first;
    var day = future ? first : last;
    var days = Math.round(Math.abs(day - today) / DAY);
    var a = new Date(today), b = new Date(day);
    var months = Math.abs((b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth());
    var sign = future ? 1 : -1;
    var text;
    if (exact && days < 14) text = format.format(sign * days, "day");
    else if (exact && days < 60) text = format.format(sign * Math.floor(days / 7), "week");
    else if (months < 24) text = format.format(sign * Math.max(months, 1), "month");
    else text = format.format(sign * Math.floor(months / 12), "year");
    return text;
  }

  function setupRelative() {
    var asOf = document.getElementById("_as-of");
    var built = document.querySelector(".rel[data-first]") && (asOf ? asOf.getAttribute("datetime") : null);
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    if (!built || !window.Intl || !Intl.RelativeTimeFormat || parseDay(built) === today) return;
    var lang = document.documentElement.lang;
    document.querySelectorAll(".rel[data-first]").forEach(function (span) {
      var text = relative(span, today, lang);
      if (text) span.textContent = text;
    });
    if (asOf) {
      asOf.setAttribute("datetime", new Date(today).toISOString().slice(0, 10));
      asOf.textContent = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(today));
    }
  }

  function start() {
    setupFilter();
    setupCopy();
    setupRelative();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
