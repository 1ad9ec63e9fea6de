// Dashboard charts (Chart.js, served by this app); a click on a bar opens the claims behind it.
'use strict';

(function () {
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  const Chart = window.Chart;
  if (!Chart) return;
  // Colours with at least 3:1 contrast against the white page (WCAG non-text contrast).
  const palette = ['#1f5fa8', '#b3261e', '#2e7d32', '#6a3fa0', '#8a5a00', '#00695c', '#5d4037'];
  const dollars = (cents) => `$${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  const open = (url) => url && window.location.assign(url);

  new Chart(document.getElementById('chart-weekly'), {
    type: 'line',
    data: {
      labels: data.weekly.map((w) => w.weekStart),
      datasets: [
        {
          label: 'Submitted',
          data: data.weekly.map((w) => w.submitted),
          borderColor: palette[0],
          backgroundColor: palette[0],
        },
        {
          label: 'Denied',
          data: data.weekly.map((w) => w.denied),
          borderColor: palette[1],
          backgroundColor: palette[1],
        },
      ],
    },
    options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });

  new Chart(document.getElementById('chart-aging'), {
    type: 'bar',
    data: {
      labels: data.aging.buckets.map((b) => `${b} days`),
      datasets: data.aging.payers.map((p, i) => ({
        label: p.payerId,
        data: p.cents,
        backgroundColor: palette[i % palette.length],
        links: p.links,
      })),
    },
    options: {
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, ticks: { callback: (v) => dollars(v) } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${dollars(c.raw)}` } } },
      onClick: (_event, elements, chart) => {
        const hit = elements[0];
        if (hit) open(chart.data.datasets[hit.datasetIndex].links[hit.index]);
      },
    },
  });

  new Chart(document.getElementById('chart-carc'), {
    type: 'bar',
    data: {
      labels: data.carc.map((d) => d.code),
      datasets: [
        { label: 'Denied claims', data: data.carc.map((d) => d.claims), backgroundColor: palette[1] },
      ],
    },
    options: {
      animation: false,
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      onClick: (_event, elements) => elements[0] && open(data.carc[elements[0].index].link),
    },
  });
})();
