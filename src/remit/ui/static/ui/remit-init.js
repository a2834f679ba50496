// Starts GOV.UK Frontend's components. Only browsers that run ES modules load
// this file, and those are the browsers GOV.UK Frontend supports, so the
// classes that switch on its enhanced styles are set here rather than by an
// inline script, which the content security policy forbids.
import { initAll } from "./build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A wide table's cue ("scroll sideways") shows only while its table is wider than
// the space it has, which changes as the window is resized or the phone is turned.
const wideTables = document.querySelectorAll(".remit-wide-table");
if (wideTables.length && "ResizeObserver" in window) {
  const fit = (wide) => {
    const region = wide.querySelector(".remit-wide-table__scroll");
    wide.classList.toggle("remit-wide-table--scrolls", region.scrollWidth > region.clientWidth);
  };
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) fit(entry.target.closest(".remit-wide-table"));
  });
  for (const wide of wideTables) {
    const region = wide.querySelector(".remit-wide-table__scroll");
    fit(wide);
    observer.observe(region);
    if (region.firstElementChild) observer.observe(region.firstElementChild);
  }
}
