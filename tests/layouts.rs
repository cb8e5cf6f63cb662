//! Recommendations written in every layout editors use, over a small course of our own.
//!
//! The course (`tests/fixtures/layouts/course/`) has two series whose episode numbers clash
//! on purpose. One set of recommendations with designed verdicts ([`designed`]) is written
//! in seven layouts (`tests/fixtures/layouts/docs/`); each layout must give the same
//! verdicts ([`verdicts`]), and so must any subset of it rendered into random layouts
//! ([`invariance`]). [`phrasing`] pins how episode references resolve, [`kinds`] how a
//! requirement's kind follows from its intent, [`requests`] how many requests a block holds,
//! [`reviews`] how assessment sections, task lists and requests titled by their kind alone
//! are read, [`breadth`] which episodes "every episode" reaches, [`plans`] how a numbered
//! plan for a series is read, [`exclusions`] that "except Episode 3" leaves that episode out,
//! [`wordings`] wordings that hide a request or aim it elsewhere, and [`never_silent`] that a
//! document or a section the reader cannot use is reported, never passed over.

mod breadth;
mod designed;
mod exclusions;
mod fixture;
mod invariance;
mod kinds;
mod never_silent;
mod phrasing;
mod plans;
mod render;
mod requests;
mod reviews;
mod verdicts;
mod wordings;
