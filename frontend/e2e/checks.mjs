// Checks the end-to-end tests run on every page: accessibility (axe-core, run inside the
// page through the DevTools protocol, so the page's CSP stays as strict as ever), no
// sideways scrolling, and the API called directly to set up data quickly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page) {
  await page.mouse.move(0, 0); // no chart tooltip left open by an earlier click
  await page.evaluate(AXE);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef -- axe is what the evaluated source defines
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** How many pixels wider than the viewport the page is (> 0: it scrolls sideways). */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A GraphQL request to the server as `token` (or anonymous); its `data`, or it throws. */
export async function api(url, token, query, variables = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Labels of chart axes that overlap one another (a month label running into the next, or
 * into the value axis) — none may — and how many month labels were looked at. */
export async function overlappingAxisLabels(page) {
  return page.evaluate(() => {
    const labels = (chart, axis) =>
      [...chart.querySelectorAll(`.recharts-${axis}-tick-labels text`)].map((el) => ({
        text: el.textContent ?? '',
        box: el.getBoundingClientRect(),
      }));
    const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const found = [];
    let checked = 0;
    for (const chart of document.querySelectorAll('.recharts-wrapper')) {
      const months = labels(chart, 'xAxis');
      checked += months.length;
      const values = labels(chart, 'yAxis');
      months.forEach((a, i) => {
        for (const b of months.slice(i + 1)) if (hit(a.box, b.box)) found.push(`"${a.text}" overlaps "${b.text}"`);
        for (const v of values) if (hit(a.box, v.box)) found.push(`"${a.text}" overlaps the value axis "${v.text}"`);
      });
    }
    return { checked, found };
  });
}
