// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// A form sent back with errors starts with their summary (role="alert"), but an alert
// that is already on the page when it loads is not read by every screen reader, and
// the keyboard would start again at the top of the page. Focus goes to the summary, so
// it is read out and the next Tab reaches its links to the fields. The same goes for
// the account pages' message (a wrong password): the e-mail field's autofocus, kept
// for a first visit, would have the screen reader read the field and skip the reason.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("main .form-errors[role='alert'], main .form-alert[role='alert']");
  var active = document.activeElement;
  if (!summary || (active && active !== document.body && !active.hasAttribute("autofocus"))) return;
  summary.setAttribute("tabindex", "-1");
  summary.focus();
});

// Filter panels start folded on phones (results come first) and open on wide screens.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 56rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
});

// A form that writes (method="post") is sent once: a double click or a second press
// while the page loads would create the product, the registration … twice. The form
// takes presses again after a few seconds (the visitor may have stopped the page, or
// the answer kept it) and when the page is shown again from the browser's history.
// Heard on `window`, after the page's own handlers: a form that a script sends itself
// (the plan's stars, with fetch) has its default prevented and is left alone.
var RESEND_AFTER_MS = 8000;

function unlock(form) {
  delete form.dataset.sending;
  form.removeAttribute("aria-busy");
}

window.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented) return;
  if ((form.getAttribute("method") || "").toLowerCase() !== "post") return;
  if (form.dataset.sending === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  form.setAttribute("aria-busy", "true");
  window.setTimeout(function () { unlock(form); }, RESEND_AFTER_MS);
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sending]").forEach(unlock);
});

// The language links open this page in the other language; the part of the page the
// visitor was at (a product on a profile, #p12) goes along, as it would not on a plain
// link. The links sit in cached pages, the same for every visitor: the anchor is added
// here, in the visitor's browser, and followed when it changes on the page.
function carryAnchorToLanguageLinks() {
  document.querySelectorAll(".lang-switch a[hreflang], .lang-offer a[hreflang]").forEach(function (link) {
    var href = link.getAttribute("href").split("#")[0];
    link.setAttribute("href", href + window.location.hash);
  });
}
document.addEventListener("DOMContentLoaded", carryAnchorToLanguageLinks);
window.addEventListener("hashchange", carryAnchorToLanguageLinks);

// Vietnamese pages offer their English version to a visitor whose browser asks for
// English, Korean, Japanese… before Vietnamese: a buyer who scanned a booth sign's code
// or followed a search result. The bar is in every Vietnamese page, hidden and the same
// for everyone (pages are cached); only this browser knows its languages. Once the
// visitor says no, or picks a language with the switch, the choice is kept here and
// the bar stays hidden on every page.
var LANGUAGE_CHOICE_KEY = "fair-language-choice";

function languageChoice() {
  try {
    return window.localStorage.getItem(LANGUAGE_CHOICE_KEY);
  } catch (error) {
    return null; // storage turned off: the bar is offered again on the next page
  }
}

function rememberLanguageChoice(choice) {
  try {
    window.localStorage.setItem(LANGUAGE_CHOICE_KEY, choice);
  } catch (error) { /* storage turned off or full */ }
}

// The first of Vietnamese or English in the browser's list decides; a list with
// neither (Korean and Japanese only) is offered English.
function browserPrefersVietnamese() {
  var languages = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < languages.length; i++) {
    var primary = String(languages[i]).toLowerCase().split("-")[0];
    if (primary === "vi") return true;
    if (primary === "en") return false;
  }
  return false;
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".lang-switch a[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      rememberLanguageChoice(link.getAttribute("hreflang"));
    });
  });
  var offer = document.querySelector("[data-lang-offer]");
  if (!offer || languageChoice() || browserPrefersVietnamese()) return;
  offer.hidden = false;
  offer.querySelector("[data-lang-offer-dismiss]").addEventListener("click", function () {
    rememberLanguageChoice("dismissed");
    offer.hidden = true;
  });
});
