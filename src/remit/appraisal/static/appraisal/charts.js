// Draws every chart on the page from its Vega-Lite spec. A spec sits in a JSON data block
// (<script type="application/json">), which browsers never run, so the content security
// policy needs no exception; this file finds the blocks and hands them to vega-embed.
// Expressions are evaluated by vega-embed's interpreter ("ast"), not compiled with eval,
// and vega-embed adds no style element or tooltip stylesheet, so nothing needs 'unsafe-*'.
(function () {
  "use strict";

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-vega-spec"));
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    window
      .vegaEmbed(container, spec, {
        actions: false,
        ast: true,
        defaultStyle: false,
        renderer: "svg",
        tooltip: false,
      })
      .then(function () {
        container.removeAttribute("hidden");
      })
      .catch(function (error) {
        container.textContent = "The chart could not be drawn; the table below has its figures.";
        container.removeAttribute("hidden");
        if (window.console) {
          window.console.warn(error);
        }
      });
  }

  document.querySelectorAll("[data-vega-spec]").forEach(draw);
})();
