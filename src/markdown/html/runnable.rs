//! A runnable JavaScript example (```` ```js run ````) as HTML: the highlighted code as any
//! code block shows it, plus a Run button, an output region and an empty sandboxed frame.
//!
//! `assets/interactive.js` runs the code inside that frame (`sandbox="allow-scripts"`, no
//! same origin, so it cannot reach the page, its storage or its cookies), collects what it
//! writes to the console and its uncaught errors through `postMessage`, shows them as text in
//! the output region, and removes the frame when the code runs past its time limit. The Run
//! button and the output stay hidden until that script has set them up, so a page read without
//! scripts shows a plain code block.

use crate::highlight::escape;

/// The block, from the highlighted code; `id` is unique on its page.
pub(crate) fn block(lang: &str, inner_html: &str, id: &str) -> String {
    let lang = escape(lang);
    format!(
        "<div class=\"codeblock runnable\" data-block=\"run\" id=\"{id}\">\n\
<div class=\"code-head\"><span class=\"code-lang\">{lang}</span><button type=\"button\" class=\"run\" aria-controls=\"{id}-out\" hidden>Run</button><button type=\"button\" class=\"copy\" aria-label=\"Copy code to clipboard\">Copy</button></div>\n\
<pre class=\"hl-code\" tabindex=\"0\"><code class=\"language-{lang}\">{inner_html}</code></pre>\n\
<div class=\"run-output\" id=\"{id}-out\" role=\"log\" aria-live=\"polite\" aria-label=\"Output of the example\" tabindex=\"0\" hidden></div>\n\
<iframe class=\"run-frame\" sandbox=\"allow-scripts\" title=\"Sandbox that runs the example\" tabindex=\"-1\" aria-hidden=\"true\" hidden></iframe>\n\
</div>\n"
    )
}
