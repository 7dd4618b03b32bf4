/// The brief's look: readable on screen, printable on A4.
enum BriefStyle {
    static let css = """
    :root { --ink: #1b1f24; --muted: #5a6472; --rule: #d5dae1; --accent: #8a1c1c; --band: #f4f6f8; }
    * { box-sizing: border-box; }
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; font-size: 15px; }
    header.cover { padding: 28px 40px 18px; border-bottom: 4px solid var(--accent); background: var(--band); }
    header.cover h1 { margin: 0 0 6px; font-size: 26px; }
    .subtitle { margin: 0; color: var(--muted); }
    nav.toc { padding: 8px 40px; border-bottom: 1px solid var(--rule); }
    nav.toc h2 { font-size: 14px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 8px 0 4px; }
    nav.toc ol { margin: 0 0 8px; padding-left: 22px; columns: 2; }
    main { padding: 0 40px 40px; max-width: 1200px; }
    h2 { font-size: 21px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
    h3 { font-size: 17px; margin: 24px 0 8px; }
    h4 { font-size: 15px; margin: 18px 0 6px; }
    dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 8px 18px; margin: 12px 0; }
    dl.facts div { background: var(--band); border-left: 3px solid var(--accent); padding: 6px 10px; }
    dl.facts dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
    dl.facts dd { margin: 2px 0 0; font-size: 17px; font-weight: 600; }
    figure { margin: 14px 0 20px; }
    table { border-collapse: collapse; width: 100%; font-size: 13px; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
    th { background: var(--band); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .money { white-space: nowrap; font-variant-numeric: tabular-nums; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
    figcaption.more { font-style: italic; }
    figure.picture .svg { border: 1px solid var(--rule); padding: 6px; overflow: auto; background: #fff; }
    figure.picture svg { max-width: 100%; max-height: 1500px; width: auto; height: auto; display: block; margin: 0 auto; }
    .files { font-family: monospace; font-size: 12px; }
    aside.note { border-left: 4px solid #c28f00; background: #fff8e1; padding: 8px 12px; margin: 12px 0; font-size: 14px; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; background: var(--band); padding: 0 3px; }
    p.missing { color: var(--accent); font-style: italic; }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      body { font-size: 11pt; }
      header.cover, main, nav.toc { padding-left: 0; padding-right: 0; }
      .page-break { break-before: page; }
      h2, h3 { break-after: avoid; }
      figure, tr, dl.facts div { break-inside: avoid; }
      figure.picture .svg { border: none; overflow: visible; padding: 0; }
      figure.picture svg { max-height: 235mm; }
      figure.table { break-inside: auto; }
      table { font-size: 8pt; }
      th, td { padding: 2px 4px; }
      thead { display: table-header-group; }
      nav.toc ol { columns: 1; }
    }
    """
}
