// Keeps the meeting pack's progress up to date while it builds, then reloads to offer the file.
const POLL_MS = 1500;

function poll(panel) {
  const url = panel.dataset.packStatusUrl;
  const label = panel.querySelector("[data-pack-label]");
  const step = panel.querySelector("[data-pack-step]");
  const bar = panel.querySelector("[data-pack-progress]");
  if (!bar || !step) {
    return;
  }
  const tick = async () => {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) {
      return;
    }
    const status = await response.json();
    label.textContent = status.label;
    step.textContent = status.step;
    bar.value = status.progress;
    bar.textContent = `${status.progress}%`;
    if (status.finished) {
      window.location.reload();
    } else {
      window.setTimeout(tick, POLL_MS);
    }
  };
  window.setTimeout(tick, POLL_MS);
}

document.querySelectorAll("[data-pack-status-url]").forEach(poll);
