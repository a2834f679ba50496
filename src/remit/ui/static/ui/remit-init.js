// Starts GOV.UK Frontend's components. Only browsers that run ES modules load
// this file, and those are the browsers GOV.UK Frontend supports, so the
// classes that switch on its enhanced styles are set here rather than by an
// inline script, which the content security policy forbids.
import { initAll } from "./build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
