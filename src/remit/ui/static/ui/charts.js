// Draws every chart on the page from its Vega-Lite spec. Each spec sits in a JSON data
// block (<script type="application/json">), which browsers never run, so the content
// security policy needs no exception; this file finds the blocks and hands them to
// vega-embed. Expressions are interpreted ("ast"), never compiled with eval, and
// vega-embed adds no style element, so nothing needs 'unsafe-*'. Every chart has a table
// beside it with the same figures, so nothing is lost if a chart cannot be drawn.
(function () {
  "use strict";

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-vega-spec"));
    var embed = window.vegaEmbed;
    if (!source || typeof embed !== "function") {
      return;
    }
    // Shown before drawing: a chart as wide as its container needs the container's width.
    container.removeAttribute("hidden");
    embed(container, JSON.parse(source.textContent), {
      ast: true,
      expr: embed.expressionInterpreter,
      defaultStyle: false,
      tooltip: false,
      actions: false,
      renderer: "svg",
    }).catch(function (error) {
      container.textContent = "The chart could not be drawn; the table has its figures.";
      if (window.console) {
        window.console.warn(error);
      }
    });
  }

  document.querySelectorAll("[data-vega-spec]").forEach(draw);
})();
