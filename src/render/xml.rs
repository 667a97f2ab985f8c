//! An XML part written with quick-xml: elements, attributes and text, escaped by the crate.
//! Writing to memory cannot fail, but should the writer ever report an error, the first one is
//! kept and returned by [`Xml::finish`] rather than lost.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::error::Error;

/// An attribute: its qualified name and value.
pub type Attr<'a> = (&'a str, &'a str);

/// One XML part being written.
pub struct Xml {
    writer: Writer<Vec<u8>>,
    failure: Option<std::io::Error>,
}

impl Xml {
    /// A part that starts with the declaration Office writes (`standalone="yes"`).
    pub fn new() -> Xml {
        let mut xml = Xml {
            writer: Writer::new(Vec::new()),
            failure: None,
        };
        xml.event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        xml
    }

    fn event(&mut self, event: Event) {
        if let Err(e) = self.writer.write_event(event)
            && self.failure.is_none()
        {
            self.failure = Some(e);
        }
    }

    /// `<name attrs>`: the children follow, then [`Xml::close`].
    pub fn open(&mut self, name: &str, attrs: &[Attr]) {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Start(start));
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[Attr]) {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.event(Event::Empty(start));
    }

    /// `<name attrs>text</name>`.
    pub fn text(&mut self, name: &str, attrs: &[Attr], text: &str) {
        self.open(name, attrs);
        self.event(Event::Text(BytesText::new(text)));
        self.close(name);
    }

    /// `<name attrs>…</name>` with the children `inner` writes.
    pub fn element(&mut self, name: &str, attrs: &[Attr], inner: impl FnOnce(&mut Xml)) {
        self.open(name, attrs);
        inner(self);
        self.close(name);
    }

    /// `<name w:val="value"/>`, the form of most WordprocessingML properties.
    pub fn val(&mut self, name: &str, value: &str) {
        self.empty(name, &[("w:val", value)]);
    }

    /// The part's bytes.
    pub fn finish(self) -> Result<Vec<u8>, Error> {
        match self.failure {
            Some(e) => Err(Error::Docx(format!("writing an XML part: {e}"))),
            None => Ok(self.writer.into_inner()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut xml = Xml::new();
        xml.element("p", &[("a", "x\"<&")], |x| x.text("t", &[], "a & <b>"));
        let out = String::from_utf8(xml.finish().unwrap()).unwrap();
        let doc = roxmltree::Document::parse(&out).unwrap();
        let p = doc.root_element();
        assert_eq!(p.attribute("a"), Some("x\"<&"));
        assert_eq!(p.first_child().and_then(|t| t.text()), Some("a & <b>"));
    }
}
