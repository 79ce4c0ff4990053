"""The explorer (`export html`) end to end in headless Chromium, driven by Playwright.

Debian's chromium is used as it is (`/usr/bin/chromium`, or CHROMIUM); Playwright downloads
no browser. The page is made by the clustergraph binary (CLUSTERGRAPH, by default
target/debug/clustergraph) from the seed graph. Screenshots go to SCREENSHOTS (by default
tests/browser/screenshots/).

    bash tests/browser/setup.sh && cargo build -p clustergraph
    tests/browser/.venv/bin/python -m pytest tests/browser
"""

import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("CLUSTERGRAPH", ROOT / "target" / "debug" / "clustergraph"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("SCREENSHOTS", Path(__file__).parent / "screenshots"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page_file():
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "seed.html"
        subprocess.run([str(BINARY), "query", f'export html "{path}"'], check=True)
        yield path


@pytest.fixture(scope="module")
def data(page_file):
    text = page_file.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


@pytest.fixture()
def page(page_file):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        # A fresh profile each time (Playwright passes it as --user-data-dir).
        browser = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        pg = browser.new_page()
        requests = []
        pg.on("request", lambda r: requests.append(r.url))
        errors = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(page_file.as_uri())
        expect(pg.locator("#status")).to_contain_text("nodes")
        yield pg
        # The page fetched nothing but itself, and its script raised nothing.
        assert [u for u in requests if not u.startswith("file:")] == []
        assert errors == []
        browser.close()


def incident(data, node_id):
    ix = next(i for i, n in enumerate(data["nodes"]) if n["id"] == node_id)
    return [e for e in data["edges"] if ix in (e["s"], e["t"])]


def meets_2016(e):
    return e["years"] is None or (e["years"][0] <= 2016 <= e["years"][1])


def test_search_click_panel_and_year_filter(page, data):
    page.screenshot(path=str(SHOTS / "explorer-start.png"))
    page.fill("#search", "LE2C")
    result = page.locator('#results li[data-id="le2c"]')
    expect(result).to_be_visible()
    page.screenshot(path=str(SHOTS / "explorer-search.png"))
    result.click()

    panel = page.locator("#panel")
    expect(panel.locator("h2")).to_contain_text("Lombardy Energy Cleantech Cluster")
    edges = incident(data, "le2c")
    items = panel.locator("li.edge")
    expect(items).to_have_count(len(edges))
    # Each edge shows its type, the node at its other end, its date or "undated", and its
    # sources: the document and the quoted sentence.
    for i in range(len(edges)):
        item = items.nth(i)
        expect(item.locator(".rel")).not_to_be_empty()
        expect(item.locator("a.node-link")).not_to_be_empty()
        expect(item.locator(".date")).not_to_be_empty()
        expect(item.locator(".source .doc").first).not_to_be_empty()
        expect(item.locator("blockquote").first).not_to_be_empty()
    quotes = [q for e in edges for s in e["sources"] for q in [s["quote"]]]
    panel_text = panel.inner_text()
    assert all(" ".join(q.split())[:40] in " ".join(panel_text.split()) for q in quotes)
    assert "Cluster Tecnologici Lombardi" in panel_text
    page.screenshot(path=str(SHOTS / "explorer-le2c.png"))

    # Clicking a node on the canvas selects it too (after Fit brings every node into view).
    page.fill("#search", "")
    page.click("#fit")
    x, y = page.evaluate("clustergraphExplorer.screenPosition('clusters-cord')")
    box = page.locator("#view").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(panel.locator("h2")).to_contain_text("Clusters Cord")
    cord_edges = incident(data, "clusters-cord")
    expect(panel.locator("li.edge")).to_have_count(len(cord_edges))

    # Only 2016: the edges of other years are hidden, on the canvas and in the panel.
    page.select_option("#year-from", "2016")
    page.select_option("#year-to", "2016")
    shown = page.evaluate("clustergraphExplorer.shownEdges()")
    assert shown and all(meets_2016(e) for e in shown)
    assert len(shown) == sum(1 for e in data["edges"] if meets_2016(e))
    assert len(shown) < len(data["edges"]), "the seed graph has edges of other years"
    kept = [e for e in cord_edges if meets_2016(e)]
    assert len(kept) < len(cord_edges), "Clusters Cord has edges of other years"
    expect(panel.locator("li.edge")).to_have_count(len(kept))
    for date in panel.locator("li.edge").evaluate_all("els => els.map(e => e.dataset.date)"):
        assert date == "" or "2016" in date or ".." in date, date
    expect(panel.locator(".hidden-note")).to_contain_text(str(len(cord_edges) - len(kept)))
    expect(page.locator("#status")).to_contain_text(f"{len(shown)} of {len(data['edges'])} edges")
    page.screenshot(path=str(SHOTS / "explorer-2016.png"))


def test_search_ignores_case_and_accents(page):
    page.fill("#search", "ecotech quebec")
    first = page.locator("#results li").first
    expect(first).to_contain_text("Ecotech Québec")
    page.fill("#search", "SAO PAULO")
    expect(page.locator("#results li").first).to_contain_text("São Paulo")
    page.keyboard.press("Enter")
    expect(page.locator("#panel h2")).to_contain_text("São Paulo")


def test_kind_filter_hides_nodes(page, data):
    total = len(data["nodes"])
    sectors = sum(1 for n in data["nodes"] if data["kinds"][n["kind"]]["name"] == "sector")
    assert sectors > 0
    page.locator('#kinds input[value="sector"]').uncheck()
    expect(page.locator("#status")).to_contain_text(f"{total - sectors} of {total} nodes")
    shown = page.evaluate("clustergraphExplorer.shownEdges()")
    sector_ids = {n["id"] for n in data["nodes"] if data["kinds"][n["kind"]]["name"] == "sector"}
    assert not any(e["from"] in sector_ids or e["to"] in sector_ids for e in shown)


def test_zoom_and_pan_change_the_view(page):
    before = page.evaluate("clustergraphExplorer.screenPosition('le2c')")
    page.click("#zoom-in")
    zoomed = page.evaluate("clustergraphExplorer.screenPosition('le2c')")
    assert zoomed != before
    box = page.locator("#view").bounding_box()
    page.mouse.move(box["x"] + 200, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 250, steps=5)
    page.mouse.up()
    panned = page.evaluate("clustergraphExplorer.screenPosition('le2c')")
    assert abs(panned[0] - zoomed[0] - 100) < 1 and abs(panned[1] - zoomed[1] - 50) < 1
