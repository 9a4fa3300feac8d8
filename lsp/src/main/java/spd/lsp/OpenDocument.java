package spd.lsp;

/** One buffer the editor has open: its URI as the client spells it, the version the client gave it, and its text. */
record OpenDocument(String uri, int version, String text) {}
