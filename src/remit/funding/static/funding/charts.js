// Draws the fund's charts from their Vega-Lite specs. Each spec sits in a JSON data block
// (<script type="application/json">), which browsers never run, so the content security
// policy needs no exception; this file finds the blocks and hands them to vega-embed.
// Expressions are interpreted ("ast"), never compiled with eval, and vega-embed adds no style
// element, so nothing needs 'unsafe-*'. The table beside each chart has the same figures.
(function () {
  "use strict";

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-vega-spec"));
    if (!source || typeof window.vegaEmbed !== "function") {
      return;
    }
    // Shown before drawing: a chart as wide as its container needs the container's width.
    container.removeAttribute("hidden");
    window
      .vegaEmbed(container, JSON.parse(source.textContent), {
        actions: false,
        ast: true,
        defaultStyle: false,
        renderer: "svg",
        tooltip: false,
      })
      .catch(function (error) {
        container.textContent = "The chart could not be drawn; the table has its figures.";
        if (window.console) {
          window.console.warn(error);
        }
      });
  }

  document.querySelectorAll("[data-vega-spec]").forEach(draw);
})();
