//! Markdown: each file is parsed once into a [`Document`], which both checks and rendering read.
//!
//! `document` walks pulldown-cmark's offset iterator and records the structure the rest of the
//! tool needs (headings, code blocks, lists, tables, links) with byte spans; `fence_info` says
//! which language a fence names (```` ```{mermaid} ```` is a diagram too); `metrics_fence`
//! reads and validates each ```` ```metrics ```` fence once; `metrics` finds metrics blocks in
//! that structure; `chart` checks the chart a metrics fence asks for; `calculator` reads and
//! checks ```` ```calculator ```` and ```` ```simulator ```` fences (`fence_lines` finds the
//! line of a value in such YAML fences); `title` finds the title block (H1, subtitle, header
//! lines); `front_matter` reads YAML or TOML front matter; `diagram_links` reads the links of
//! its diagrams' `click` lines; `html` turns a document into the HTML body of a page;
//! `raw_html` finds the raw HTML a browser would misread, which the page shows as text;
//! `html_diagrams` the Mermaid diagrams written as HTML, which the site does not draw; `words`
//! counts the words of the rendered text while the document is parsed.

pub(crate) mod calculator;
pub(crate) mod chart;
pub(crate) mod diagram_links;
pub mod document;
pub(crate) mod fence_info;
pub(crate) mod fence_lines;
pub mod front_matter;
pub mod html;
mod html_diagrams;
pub mod metrics;
pub mod metrics_fence;
pub mod raw_html;
pub(crate) mod raw_images;
pub mod slug;
pub mod title;
mod walker;
pub mod words;

pub(crate) use document::Task;
pub use document::{CodeBlock, Document, Heading, ListItem, Paragraph, Table};
pub use walker::parse;
