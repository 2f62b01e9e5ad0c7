from core.library.chunking import chunk_pages, embedding_text, split_text
from core.types import PageText
from models.fake import HashEmbedder


def test_chunks_fit_the_embedder_and_lose_no_words():
    emb = HashEmbedder(max_tokens=40)
    text = "\n\n".join(f"Paragraph {i}. " + " ".join(f"word{i}_{j}" for j in range(25)) + "." for i in range(6))
    pages = [PageText(1, text), PageText(2, "Second page text. Short.")]
    chunks = list(chunk_pages("/x/doc.pdf", "My Title", pages, emb.token_spans, emb.max_tokens))
    assert {c.page for c in chunks} == {1, 2}
    for c in chunks:
        # the text the embedder reads (title included) stays within its window, specials aside
        assert len(emb.token_spans(embedding_text(c))) <= emb.max_tokens - 2
    page1 = " ".join(c.text for c in chunks if c.page == 1).split()
    assert page1 == text.split()
    assert [c.index for c in chunks] == list(range(len(chunks)))


def test_cuts_prefer_paragraph_boundaries():
    emb = HashEmbedder()
    text = "alpha beta gamma delta.\n\nepsilon zeta eta theta iota kappa."
    pieces = list(split_text(text, emb.token_spans(text), budget=9))
    assert pieces[0] == "alpha beta gamma delta."


def test_empty_pages_give_no_chunks():
    emb = HashEmbedder()
    assert list(chunk_pages("/x", "", [PageText(1, "  \n "), PageText(2, "")], emb.token_spans, 64)) == []


def test_a_page_read_turned_keeps_its_words_boxes_as_the_viewer_shows_it():
    # read upside down (two quarter turns) on a 100 x 200 picture: a word near the top left of the
    # frame it was read in sits near the bottom right of the picture as shown
    from core.types import Word

    emb = HashEmbedder()
    words = (Word("Invoice", 10, 20, 40, 30, 0), Word("total", 45, 20, 70, 30, 0))
    page = PageText(1, "Invoice total", words, (100, 200), 2)
    (chunk,) = chunk_pages("/x/scan.png", "", [page], emb.token_spans, 64)
    assert [(w.text, w.x0, w.y0, w.x1, w.y1) for w in chunk.words] == [
        ("Invoice", 60, 170, 90, 180), ("total", 30, 170, 55, 180)]
    # a page read as shown keeps them as they are
    (plain,) = chunk_pages("/x/scan.png", "", [PageText(1, "Invoice total", words, (100, 200))], emb.token_spans, 64)
    assert plain.words == words
