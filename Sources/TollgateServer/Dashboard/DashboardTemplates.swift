/// The dashboard's Mustache templates (compiled in, so the static `tollgate-server` binary needs no
/// resource bundle). Every value goes through `{{…}}`, which HTML-escapes `< > & " '`; no template
/// uses `{{{…}}}` or `{{& …}}`. Plots are the `chart` partial rendered with numbers computed by
/// `SVGChart`, so they are escaped like everything else.
enum DashboardTemplates {
    static let all: [String: String] = [
        "head": head, "foot": foot, "chart": chart, "pager": pager,
        "overview": overview, "artifacts": artifacts, "artifact": artifact, "incident": incident,
        "exceptions": exceptions, "ledger": ledger, "signin": signin, "error": error, "remediation": remediation,
    ]

    static let head = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · Tollgate</title><link rel="stylesheet" href="/dashboard/static/dashboard.css"></head>
        <body><header><a class="brand" href="/dashboard">Tollgate</a><nav>{{#nav}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>
        <div class="who">{{#user}}<span>{{name}} · {{role}}</span>{{#csrf}}<form method="post" action="/dashboard/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button>Sign out</button></form>{{/csrf}}{{^csrf}}<span>(API token)</span>{{/csrf}}{{/user}}{{^user}}<a href="/dashboard/signin">Sign in</a>{{/user}}</div></header>
        <main><h1>{{title}}</h1>{{#indexNotice}}<p class="notice" role="status">{{indexNotice}}</p>{{/indexNotice}}

        """

    static let foot = """
        </main><footer>Tollgate dashboard · rendered {{renderedAt}} · ledger size {{ledgerSize}}</footer></body></html>

        """

    static let pager = """
        {{#pager}}<p class="pager">{{#previous}}<a href="{{previous}}">← first page</a> {{/previous}}{{#next}}<a href="{{next}}" rel="next">next page →</a>{{/next}}</p>{{/pager}}
        """

    static let chart = """
        <figure><svg class="chart" viewBox="0 0 {{width}} {{height}}" width="{{width}}" height="{{height}}" role="img" aria-label="{{label}}"><title>{{label}}</title>
        {{#gridlines}}<line x1="{{x1}}" y1="{{y}}" x2="{{x2}}" y2="{{y}}" class="grid"/><text x="{{labelX}}" y="{{textY}}" class="axis" text-anchor="end">{{value}}</text>
        {{/gridlines}}{{#bars}}<rect x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}" class="s-{{series}}"><title>{{tip}}</title></rect>
        {{/bars}}{{#lines}}<polyline points="{{points}}" class="line l-{{series}}"/>{{#dots}}<circle cx="{{x}}" cy="{{y}}" r="3" class="s-{{series}}"><title>{{tip}}</title></circle>{{/dots}}
        {{/lines}}{{#xlabels}}<text x="{{x}}" y="{{y}}" class="axis" text-anchor="middle">{{text}}</text>
        {{/xlabels}}{{#legend}}<rect x="{{x}}" y="{{y}}" width="10" height="10" class="s-{{series}}"/><text x="{{textX}}" y="{{textY}}" class="axis">{{text}}</text>
        {{/legend}}{{^hasData}}<text x="60" y="60" class="axis">no data yet</text>{{/hasData}}</svg><figcaption>{{label}}</figcaption></figure>

        """

    static let overview = """
        {{> head}}
        <section class="cards">
        <a class="card" href="/dashboard/artifacts"><b>{{artifactCount}}</b> artifacts</a>
        <div class="card"><b>{{decisionCount}}</b> decisions ({{denialCount}} denied)</div>
        <div class="card"><b>{{openFindings}}</b> open findings</div>
        <a class="card{{#sloBreached}} bad{{/sloBreached}}" href="/dashboard/remediation"><b>{{sloBreaches}}</b> remediation items overdue</a>
        <div class="card{{#advisoryStale}} bad{{/advisoryStale}}"><b>{{advisoryAge}}</b> advisory database age</div>
        <a class="card" href="/dashboard/ledger"><b>{{ledgerSize}}</b> ledger entries</a>
        <div class="card{{#alertsFailing}} bad{{/alertsFailing}}"><b>{{alertsDead}}</b> alert deliveries dead-lettered ({{alertsPending}} pending)</div>
        </section>
        <div class="grid2"><section><h2>Deployments by environment</h2>
        <table><thead><tr><th>environment</th><th>running slots</th><th>distinct artifacts</th></tr></thead><tbody>
        {{#environments}}<tr><td>{{environment}}</td><td class="num">{{running}}</td><td class="num">{{artifacts}}</td></tr>{{/environments}}
        {{^environments}}<tr><td colspan="3" class="empty">no deployments recorded</td></tr>{{/environments}}</tbody></table></section>
        <section><h2>Open findings by severity</h2>
        <table><thead><tr><th>severity</th><th>open findings</th><th>advisories</th></tr></thead><tbody>
        {{#severities}}<tr><td><span class="sev s-{{severity}}">{{severity}}</span></td><td class="num">{{count}}</td><td class="num">{{advisories}}</td></tr>{{/severities}}
        {{^severities}}<tr><td colspan="3" class="empty">no open findings</td></tr>{{/severities}}</tbody></table></section></div>
        <div class="grid2"><section><h2>Findings by severity over time</h2>{{#findingsChart}}{{> chart}}{{/findingsChart}}</section>
        <section><h2>Decisions per day</h2>{{#decisionsChart}}{{> chart}}{{/decisionsChart}}</section></div>
        <h2>Recent denials</h2>
        <table><thead><tr><th>time</th><th>artifact</th><th>policy</th><th>why</th></tr></thead><tbody>
        {{#denials}}<tr><td>{{time}}</td><td><a href="{{href}}">{{label}}</a></td><td>{{policy}}</td><td>{{#reasons}}<div>{{.}}</div>{{/reasons}}</td></tr>{{/denials}}
        {{^denials}}<tr><td colspan="4" class="empty">no denials</td></tr>{{/denials}}</tbody></table>
        <h2>Exceptions expiring within 14 days</h2>
        <table><thead><tr><th>policy</th><th>exception</th><th>owner</th><th>expires</th><th>status</th></tr></thead><tbody>
        {{#expiring}}<tr><td>{{policy}}</td><td>{{id}}</td><td>{{owner}}</td><td>{{expires}}</td><td><span class="status {{status}}">{{status}}</span> ({{daysLeft}} days)</td></tr>{{/expiring}}
        {{^expiring}}<tr><td colspan="5" class="empty">none expiring within 14 days</td></tr>{{/expiring}}</tbody></table>
        {{#alertsFailing}}<h2>Dead-lettered alert deliveries</h2>
        <table><thead><tr><th>time</th><th>alert</th><th>subject</th><th>sink</th><th>attempts</th><th>last problem</th></tr></thead><tbody>
        {{#deadLetters}}<tr><td>{{time}}</td><td>{{kind}}</td><td><code>{{subject}}</code></td><td>{{sink}}</td><td class="num">{{attempts}}</td><td>{{problem}}</td></tr>{{/deadLetters}}
        </tbody></table>{{/alertsFailing}}
        {{> foot}}
        """

    static let remediation = """
        {{> head}}
        <section class="cards">
        <div class="card{{#breached}} bad{{/breached}}"><b>{{overdue}}</b> overdue (SLO breached)</div>
        <div class="card"><b>{{open}}</b> open within SLO</div>
        <div class="card"><b>{{excepted}}</b> covered by an exception</div>
        <div class="card"><b>{{fixed}}</b> fixed (a later scan no longer finds it)</div>
        </section>
        <p class="note">One item per finding of a running artifact; due = first seen + the policy's <code>remediationDays</code> for the severity. An item is fixed when a later scan no longer finds it. Owner: the covering exception's, else the CODEOWNERS owners a trusted source audit names, else the policy's <code>remediation.defaultOwner</code>.</p>
        <p class="filters">show: {{#filters}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{name}}</a> {{/filters}}</p>
        <table><thead><tr><th>status</th><th>due</th><th>severity</th><th>advisory</th><th>component</th><th>artifact</th><th>runs in</th><th>owner</th><th>exception</th><th>fixed at</th></tr></thead><tbody>
        {{#items}}<tr><td><span class="status {{status}}">{{status}}</span></td><td>{{due}}</td><td><span class="sev s-{{severity}}">{{severity}}</span></td><td>{{advisory}}</td><td><code>{{purl}}</code></td><td><a href="{{href}}">{{artifact}}</a></td><td>{{environments}}</td><td>{{owner}}{{#ownerSource}} <small>({{ownerSource}})</small>{{/ownerSource}}</td><td>{{exception}}</td><td>{{fixedAt}}</td></tr>{{/items}}
        {{^items}}<tr><td colspan="10" class="empty">no such findings in running artifacts</td></tr>{{/items}}</tbody></table>
        {{> pager}}
        {{> foot}}
        """

    static let artifacts = """
        {{> head}}
        {{#anonymous}}<p class="note">Signed out: only artifacts disclosed to the public are listed.</p>{{/anonymous}}
        <table><thead><tr><th>artifact</th><th>version</th><th>digest</th><th>first seen</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="{{href}}">{{name}}</a></td><td>{{version}}</td><td><code>{{digest}}</code></td><td>{{firstSeen}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="4" class="empty">no artifacts</td></tr>{{/rows}}</tbody></table>
        {{> pager}}
        {{> foot}}
        """

    static let artifact = """
        {{> head}}
        <p><code>{{digest}}</code>{{#purl}} · <code>{{purl}}</code>{{/purl}} · first seen {{firstSeen}}{{#registeredBy}} · registered by {{registeredBy}}{{/registeredBy}}</p>
        <h2>Decisions</h2>
        <table><thead><tr><th>time</th><th>policy</th><th>decision</th><th>why</th><th>ledger entry</th></tr></thead><tbody>
        {{#decisions}}<tr><td>{{time}}</td><td>{{policy}}</td><td><span class="status {{outcome}}">{{outcome}}</span></td><td>{{#reasons}}<div>{{.}}</div>{{/reasons}}</td><td class="num">{{ledgerIndex}}</td></tr>{{/decisions}}
        {{^decisions}}<tr><td colspan="5" class="empty">no decisions recorded</td></tr>{{/decisions}}</tbody></table>
        <h2>Signatures and signers</h2>
        <table><thead><tr><th>signer</th><th>issuer</th><th>trusted by the policy</th><th>evidence</th></tr></thead><tbody>
        {{#signatures}}<tr><td>{{signer}}</td><td>{{issuer}}</td><td>{{#trusted}}<span class="status allow">trusted</span>{{/trusted}}{{^trusted}}<span class="status deny">untrusted</span>{{/trusted}}</td><td>{{evidence}}</td></tr>{{/signatures}}
        {{^signatures}}<tr><td colspan="4" class="empty">no signatures recorded</td></tr>{{/signatures}}</tbody></table>
        <h2>Provenance</h2>
        <table><thead><tr><th>fact</th><th>value</th><th>trust source</th><th>vouched by</th></tr></thead><tbody>
        {{#provenance}}<tr><td>{{field}}</td><td><code>{{value}}</code></td><td><span class="trust t-{{source}}">{{source}}</span></td><td>{{vouchedBy}}</td></tr>{{/provenance}}
        {{^provenance}}<tr><td colspan="4" class="empty">no provenance recorded</td></tr>{{/provenance}}</tbody></table>
        <h2>Rebuilds</h2>
        <table><thead><tr><th>time</th><th>rebuilt by (trusted signer)</th><th>result</th><th>rebuilt digest</th><th>comparison</th><th>recorded by</th><th>ledger entry</th></tr></thead><tbody>
        {{#rebuilds}}<tr><td>{{time}}</td><td>{{rebuilder}}</td><td>{{#match}}<span class="status allow">same bytes</span>{{/match}}{{^match}}<span class="status deny">differs</span>{{/match}}</td><td><code>{{rebuilt}}</code></td><td>{{comparison}}</td><td>{{recordedBy}}</td><td class="num">{{ledgerIndex}}</td></tr>{{/rebuilds}}
        {{^rebuilds}}<tr><td colspan="7" class="empty">no rebuild recorded (tollgate verify --record records trusted rebuild attestations)</td></tr>{{/rebuilds}}</tbody></table>
        <h2>SBOM components ({{componentCount}})</h2>
        <table><thead><tr><th>component</th><th>version</th><th>purl</th><th>findings</th></tr></thead><tbody>
        {{#components}}<tr><td>{{name}}</td><td>{{version}}</td><td><code>{{purl}}</code></td><td>{{#findings}}<span class="sev s-{{severity}}">{{advisory}} {{severity}}</span> {{/findings}}</td></tr>{{/components}}
        {{^components}}<tr><td colspan="4" class="empty">no SBOM recorded: the components are unknown</td></tr>{{/components}}</tbody></table>
        {{> pager}}
        <h2>Deployments</h2>
        <table><thead><tr><th>environment</th><th>cluster</th><th>namespace</th><th>service</th><th>running</th><th>last seen</th></tr></thead><tbody>
        {{#deployments}}<tr><td>{{environment}}</td><td>{{cluster}}</td><td>{{namespace}}</td><td>{{service}}</td><td>{{#running}}yes{{/running}}{{^running}}no{{/running}}</td><td>{{lastSeen}}</td></tr>{{/deployments}}
        {{^deployments}}<tr><td colspan="6" class="empty">not deployed anywhere recorded</td></tr>{{/deployments}}</tbody></table>
        <h2>Ledger inclusion</h2>
        {{#inclusion}}<p>Entry <b>{{index}}</b> ({{kind}}) is in the log <code>{{origin}}</code>; leaf hash <code>{{leafHash}}</code>. Inclusion proof at the checkpoint below ({{proofLength}} hashes):</p>
        <ol class="hashes">{{#proof}}<li><code>{{.}}</code></li>{{/proof}}</ol><pre>{{checkpoint}}</pre>
        <details><summary>The receipt: save it as <code>receipt.json</code> and check it offline with <code>tollgate ledger check-receipt receipt.json --log-key '{{verifierKey}}'</code></summary><pre>{{receipt}}</pre></details>{{/inclusion}}
        {{^inclusion}}<p class="note">{{inclusionNote}}</p>{{/inclusion}}
        {{> foot}}
        """

    static let incident = """
        {{> head}}
        <form method="get" action="/dashboard/incidents" class="search"><label>Question <select name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/kinds}}</select></label>
        <label>Value <input name="q" value="{{q}}" size="48" placeholder="pkg:pypi/urllib3"></label>
        <label>Versions <input name="versions" value="{{versions}}" size="24" placeholder="vers:pypi/&lt;1.26.5"></label><button>Answer</button></form>
        {{#answer}}<section class="answer"><p class="status {{status}}">{{status}}</p><p>{{summary}}</p>
        <p><a href="{{markdownURL}}" download>Download as Markdown</a></p>
        <h2>Artifacts ({{artifactCount}} of {{searched}} searched)</h2><p>{{artifactStatement}}</p>
        <table><thead><tr><th>artifact</th><th>version</th><th>digest</th><th>matching components</th></tr></thead><tbody>
        {{#artifacts}}<tr><td><a href="{{href}}">{{name}}</a></td><td>{{version}}</td><td><code>{{digest}}</code></td><td>{{#matches}}<div><code>{{.}}</code></div>{{/matches}}</td></tr>{{/artifacts}}
        {{^artifacts}}<tr><td colspan="4" class="empty">no artifact found</td></tr>{{/artifacts}}</tbody></table>
        <h2>Where they run ({{running}} running)</h2>
        <table><thead><tr><th>slot</th><th>image</th><th>running</th><th>last seen</th></tr></thead><tbody>
        {{#deployments}}<tr><td>{{slot}}</td><td><code>{{image}}</code></td><td>{{#running}}yes{{/running}}{{^running}}no{{/running}}</td><td>{{lastSeen}}</td></tr>{{/deployments}}
        {{^deployments}}<tr><td colspan="4" class="empty">no deployment found</td></tr>{{/deployments}}</tbody></table>
        <h2>The whole answer</h2><pre class="markdown">{{markdown}}</pre></section>{{/answer}}
        {{> foot}}
        """

    static let exceptions = """
        {{> head}}
        <table><thead><tr><th>policy</th><th>exception</th><th>owner</th><th>reason</th><th>compensating control</th><th>expires</th><th>status</th><th>covers</th></tr></thead><tbody>
        {{#rows}}<tr><td>{{policy}}</td><td>{{id}}</td><td>{{owner}}</td><td>{{reason}}</td><td>{{control}}</td><td>{{expires}}</td><td><span class="status {{status}}">{{status}}</span></td>
        <td>{{#covers}}<div><code>{{.}}</code></div>{{/covers}}{{#artifacts}}<div><a href="{{href}}">{{label}}</a></div>{{/artifacts}}{{#more}}<div class="note">and {{more}} more</div>{{/more}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="8" class="empty">no exceptions</td></tr>{{/rows}}</tbody></table>
        {{> foot}}
        """

    static let ledger = """
        {{> head}}
        {{#checkpoint}}<p>The log <code>{{origin}}</code> has <b>{{size}}</b> entries. Its latest signed checkpoint (size {{checkpointSize}}, root hash <code>{{rootHash}}</code>):</p>
        <pre>{{note}}</pre>{{/checkpoint}}{{^checkpoint}}<p class="note">No checkpoint has been signed yet.</p>{{/checkpoint}}
        <p>Verifier key: <code>{{verifierKey}}</code></p>
        <h2>How to verify</h2><ol>
        <li>Fetch the checkpoint and check its signature: <code>curl -s {{base}}/v1/ledger/checkpoint &gt; checkpoint.txt &amp;&amp; tollgate ledger check-note checkpoint.txt --key '{{verifierKey}}'</code></li>
        <li>With a copy of the data directory: <code>tollgate ledger verify</code> recomputes every leaf and the root, and <code>tollgate ledger fsck</code> checks the stores.</li>
        <li>For one entry, as an auditor: <code>curl -s -H "Authorization: Bearer $TOKEN" '{{base}}/v1/ledger/proofs/inclusion?index=N' &gt; receipt.json</code> then <code>tollgate ledger check-proof receipt.json</code>.</li>
        <li>That the log only grew: <code>/v1/ledger/proofs/consistency?from=OLD&amp;to=NEW</code> (auditor).</li></ol>
        {{> foot}}
        """

    static let signin = """
        {{> head}}
        <form method="post" action="/dashboard/signin" class="signin"><input type="hidden" name="csrf" value="{{formCSRF}}">
        <label>API token <input type="password" name="token" autocomplete="off" required size="60"></label><button>Sign in</button></form>
        <p class="note">An API token from <code>tollgate token create</code>. The dashboard keeps a session cookie, never the token.</p>
        {{#problem}}<p class="error">{{problem}}</p>{{/problem}}
        {{> foot}}
        """

    static let error = """
        {{> head}}
        <p class="error">{{message}}</p>{{#signIn}}<p><a href="/dashboard/signin">Sign in</a> with a token whose role may see this page.</p>{{/signIn}}
        {{> foot}}
        """

    static let stylesheet = """
        body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{display:flex;gap:1.5em;align-items:center;background:#1d2330;color:#fff;padding:.6em 1.2em}
        header a{color:#cfd8ea;text-decoration:none}header a[aria-current]{color:#fff;font-weight:600;border-bottom:2px solid #6ea8fe}
        .brand{font-weight:700;color:#fff}nav{display:flex;gap:1em}.who{margin-left:auto;display:flex;gap:.6em;align-items:center}
        .who form{display:inline}main{padding:0 1.2em 2em;max-width:1280px}h1{font-size:1.5em}h2{font-size:1.1em;margin-top:1.6em}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e3e6ea;padding:.3em .5em;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600}td.num{text-align:right}code{font-size:12px;word-break:break-all}.empty{color:#777;font-style:italic}
        .cards{display:flex;flex-wrap:wrap;gap:.8em}.card{background:#fff;border:1px solid #e3e6ea;padding:.7em 1em;min-width:10em;color:inherit;text-decoration:none}
        .card b{display:block;font-size:1.6em}.card.bad{border-color:#d63c3c}.grid2{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}
        .status,.sev,.trust{display:inline-block;padding:0 .45em;border-radius:3px;font-size:12px;background:#e3e6ea}
        .status.allow,.status.active,.t-certificate{background:#d3f0dc}.status.deny,.status.expired,.status.affected,.status.overdue{background:#f7d4d4}
        .status.warn,.status.expiring,.status.open{background:#fbe9c4}.status.excepted{background:#d6e6fa}.t-signed-statement{background:#d6e6fa}.t-self-asserted{background:#f7d4d4}
        .sev.s-critical{background:#8e1b1b;color:#fff}.sev.s-high{background:#d63c3c;color:#fff}.sev.s-medium{background:#f0a53a}.sev.s-low{background:#9cc8f0}
        .note{color:#555}.notice{background:#fbe9c4;border:1px solid #e0a030;padding:.5em 1em}.error{color:#a01616;font-weight:600}.pager{margin:.6em 0}pre{background:#fff;border:1px solid #e3e6ea;padding:.6em;overflow:auto;white-space:pre-wrap}
        .search label,.signin label{margin-right:1em}footer{color:#777;font-size:12px;padding:1em 1.2em}
        figure{margin:0}svg.chart{background:#fff;border:1px solid #e3e6ea;max-width:100%;height:auto}.grid{stroke:#e3e6ea}.axis{font-size:10px;fill:#555}
        .line{fill:none;stroke-width:2}.s-allow{fill:#2f9e5b}.s-warn{fill:#e0a030}.s-deny{fill:#d63c3c}
        .s-critical{fill:#8e1b1b}.s-high{fill:#d63c3c}.s-medium{fill:#f0a53a}.s-low{fill:#5a9bd8}.s-unknown,.s-none{fill:#999}
        .l-critical{stroke:#8e1b1b}.l-high{stroke:#d63c3c}.l-medium{stroke:#f0a53a}.l-low{stroke:#5a9bd8}.l-unknown,.l-none{stroke:#999}
        ol.hashes{font-size:12px}@media(max-width:900px){.grid2{grid-template-columns:1fr}}

        """
}
