//! The document's blocks in reading order: headings, paragraphs, list items, tables and code
//! blocks, merged from the parse-once [`Document`]'s lists by where they start.

use crate::markdown::{CodeBlock, Document, Heading, ListItem, Paragraph, Table};

/// One block of a document.
#[derive(Debug, Clone, Copy)]
pub(super) enum Block<'d> {
    Heading(&'d Heading),
    Paragraph(&'d Paragraph),
    Item(&'d ListItem),
    Table(&'d Table),
    Code(&'d CodeBlock<'d>),
}

impl Block<'_> {
    /// Where the block starts in the file.
    pub(super) fn start(&self) -> usize {
        match self {
            Block::Heading(b) => b.span.start,
            Block::Paragraph(b) => b.span().start,
            Block::Item(b) => b.span().start,
            Block::Table(b) => b.span.start,
            Block::Code(b) => b.span.start,
        }
    }

    /// Sorting key: start, then containers before what they contain.
    fn key(&self) -> (usize, u8) {
        let rank = match self {
            Block::Heading(_) => 0,
            Block::Item(_) => 1,
            Block::Table(_) => 2,
            Block::Paragraph(_) => 3,
            Block::Code(_) => 4,
        };
        (self.start(), rank)
    }
}

/// Every block, in the order a reader meets them (nested list items after their parent).
pub(super) fn in_order<'d>(doc: &'d Document<'_>) -> Vec<Block<'d>> {
    let mut blocks: Vec<Block<'d>> = Vec::with_capacity(
        doc.headings.len()
            + doc.paragraphs.len()
            + doc.list_items.len()
            + doc.tables.len()
            + doc.code_blocks.len(),
    );
    blocks.extend(doc.headings.iter().map(Block::Heading));
    blocks.extend(doc.paragraphs.iter().map(Block::Paragraph));
    blocks.extend(doc.list_items.iter().map(Block::Item));
    blocks.extend(doc.tables.iter().map(Block::Table));
    blocks.extend(doc.code_blocks.iter().map(Block::Code));
    blocks.sort_by_key(Block::key);
    blocks
}
