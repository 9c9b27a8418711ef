"""Text dumps, each with its expected article, run through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

import scrubber
from scrubber.extract.byline import parse_byline
from scrubber.extract.dates import find_date
from scrubber.extract.text import (
    _paragraph_scores,
    _reads_as_chinese_prose,
    _score,
    _states,
    _wrap_cuts,
    is_sentence_like,
)
from scrubber.parse.text import split_blocks
from scrubber.phrases import is_residue, phrase_set, with_defaults
from scrubber.scripts import chinese_function_share, count_words, script_language, spaces_between_han_kana
from tests.conftest import FIXTURES, expected

DUMPS = sorted(p for p in (FIXTURES / "text").glob("*.txt") if p.with_name(p.stem + ".expected.json").exists())


@pytest.mark.parametrize("path", DUMPS, ids=lambda p: p.stem)
def test_dump_gives_expected_article(path: Path) -> None:
    want = expected(path)
    article = scrubber.scrub(path)
    assert article.title == want["title"]
    assert article.byline == want["byline"]
    assert article.authors == want["authors"]
    assert article.date == want["date"]
    assert article.language == want["language"]
    assert [[block.kind, block.text] for block in article.body] == want["body"]
    for fragment, cleaner in want["removed"].items():
        matches = [item for item in article.removed if fragment in item.text]
        assert matches, f"{fragment!r} was not removed"
        assert matches[0].cleaner == cleaner, (fragment, matches[0])
        assert matches[0].reason


def test_every_dump_loses_no_text() -> None:
    """Each block the parser finds ends up in the body, in the metadata, or in the record of removals."""
    for path in DUMPS:
        article = scrubber.scrub(path)
        accounted = [b.text for b in article.body] + [r.text for r in article.removed]
        accounted += [article.title or "", article.byline or ""]
        for block in split_blocks(path.read_text(encoding="utf-8")):
            is_date_line = bool(article.date) and article.date[:4] in block.text and len(block.text.split()) <= 6
            assert is_date_line or any(block.text in text for text in accounted), (path.name, block.text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The council met on Monday.", 5),
        ("五月初，位于西南山区的一所小学迎来了第一座天文台。", 12),  # 23 Han characters in two runs
        ("営業は毎日午後三時から。", 6),
        ("홍길동 기자가 보도했다", 3),  # Korean sets words apart by spaces
        ("iPhone 15 发布会", 4),
    ],
)
def test_words_are_counted_by_script(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("地方都市の商店街で、百年前に廃業した銭湯が復活した。", "ja"),
        ("位于西南山区的一所小学迎来了第一座天文台。", "zh"),
        ("홍길동 기자가 서울에서 보도했다.", "ko"),
        ("ตลาดหลักทรัพย์ปิดตลาดวันนี้", "th"),
        ("Der Rat hat am Montag beschlossen.", None),
    ],
)
def test_script_tells_language(text: str, language: str | None) -> None:
    assert script_language(text) == language


@pytest.mark.parametrize(
    ("text", "spaces"),
    [
        ("駅前の再開発ビルが開業へ 高校生が川の水質を調査 老舗旅館が営業を再開", 2),  # headlines run together
        ("「物価高」対策まとまる 政府", 1),  # a quote closes, then the next piece
        ("1 駅前ビルが開業へ 2 川の水質を調査 3 旅館が再開", 2),  # a ranking: the next item's number
        ("１ 駅前ビルが開業へ ２ 川の水質を調査 ３ 旅館が再開", 2),  # in full-width digits
        ("① 駅前ビルが開業へ ② 川の水質を調査 ③ 旅館が再開", 2),  # circled
        ("宮崎県： 高鍋町 、 新富町 、 宮崎市", 0),  # links set apart next to commas
        ("出店は四十店。 来年も開く。", 0),  # the page's space after a sentence
        ("iPhone 15 发布会", 0),
        ("Share this story", 0),
    ],
)
def test_spaces_between_han_kana_characters(text: str, spaces: int) -> None:
    assert spaces_between_han_kana(text) == spaces


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("到了营地的时候雨已经停了 山上的云还没有散开", True),  # a clause of a blog, no punctuation
        ("這次選擇左側地勢高些以防午夜下雨", False),  # a short clause with few function words
        ("中国宣布动用一切资源抗击禽流感", False),  # a headline
        ("宜兰温泉民宿推荐 附交通方式", False),
        ("駅前の再開発ビルが来年夏に開業へ", False),  # Japanese: kana, not Chinese function words
        ("会社の目的は地域の発展に貢献すること", False),  # Japanese with 会, 的, 地: three tenths of its Han
        ("关于我们 联系我们 加入我们 广告服务 网站地图", False),  # a menu: its items hold 我们
    ],
)
def test_chinese_function_words_tell_prose(text: str, prose: bool) -> None:
    assert _reads_as_chinese_prose(text) is prose


def test_function_words_are_counted_among_han_characters() -> None:
    assert chinese_function_share("会社の目的は地域の発展に貢献すること") == 0.3  # 会, 的, 地 of ten Han
    assert chinese_function_share("ホーム") == 0.0


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("市民が公園に集まった。市長は延長を表明した", True),
        ("ほしのあき「奇跡の47歳」の底力！SNSでビキニ姿披露→“レジェンド枠”でグラビア復活か", False),
        ("肌のかゆみの原因は？「乾燥とは無縁」と強がる男性の誤解", False),
        ("城市公园今天重新开放，市民可以在湖边散步。", True),
    ],
)
def test_only_a_full_stop_ends_a_sentence_inside_east_asian_text(text: str, sentence: bool) -> None:
    """Japanese and Chinese headlines put ！ and ？ mid-line; lists of them must not count as prose."""
    assert is_sentence_like(text) is sentence


@pytest.mark.parametrize(
    "text",
    [
        "नगर परिषद ने सोमवार को पुल की मरम्मत का काम शुरू किया।",  # the danda ends a Hindi sentence
        "هل يعود الجسر إلى العمل قبل الخريف؟",
        "Two teens live the same day over and over, and draw a map of its perfect moments. [75]",
        "The council approved the plan in March.[3][4]",
        "काम शुरू कर दिया है। पुल पिछले साल आई बाढ़ के बाद से बंद था और आसपास के",  # a wrapped line, a danda inside
    ],
)
def test_sentence_ends_of_other_scripts_and_before_footnote_marks(text: str) -> None:
    assert is_sentence_like(text)


@pytest.mark.parametrize("text", ["अध्याय १।२ देखें", "गीता २।४७", "पृष्ठ ३॥४ पर"])
def test_a_danda_between_digits_ends_no_sentence(text: str) -> None:
    """A chapter-and-verse reference ("२।४७") holds a danda: no sentence ends there."""
    assert not is_sentence_like(text)


@pytest.mark.parametrize(
    ("text", "states"), [("Why now?[3]", False), ("Why now? [3][4]", False), ("It is now.[3]", True)]
)
def test_a_question_before_footnote_marks_states_nothing(text: str, states: bool) -> None:
    """Footnote marks hide no question mark, as they hide no full stop from ``is_sentence_like``."""
    assert _states(text) is states


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年5月3日 14:05", "2024-05-03T14:05"),
        ("２０２４年５月３日", "2024-05-03"),
        ("입력 2024.05.03 10:22", "2024-05-03T10:22"),
        ("2024년 5월 3일", "2024-05-03"),
        ("2024年13月3日", None),
    ],
)
def test_east_asian_dates(text: str, iso: str | None) -> None:
    assert find_date(text, ("zh", "ja", "ko")) == iso


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("文／王小明", ["王小明"]),
        ("記者王小明／台北報導", ["王小明"]),
        ("홍길동 기자", ["홍길동"]),
        ("山田太郎記者", ["山田太郎"]),
        ("文章来源于网络，仅供参考。", None),
    ],
)
def test_east_asian_bylines(text: str, authors: list[str] | None) -> None:
    assert parse_byline(text, ("zh", "ja", "ko")) == authors


def test_residue_phrase_matches_inside_a_run_of_han_characters() -> None:
    """Chinese has no spaces: a phrase must match between characters, which ``\\b`` would refuse."""
    article = scrubber.scrub(
        "城市公园今天重新开放，市民可以在湖边散步和划船，公园管理处表示将延长开放时间。\n\n"
        "湖边新建了一条步道，沿途设有十二块介绍本地植物和鸟类的展板，供游客阅读。\n\n"
        "欢迎订阅我们的电子报。\n",
        format="text",
    )
    assert [item.cleaner for item in article.removed] == ["newsletter"]


STORY = (
    "The old stone bridge over the river will stay closed to traffic until the autumn, the county council said "
    "on Monday, after engineers found deeper cracks in two of its arches.\n\n"
    "Drivers have been sent on a twelve-mile detour since the bridge was shut in January, and shop owners in the "
    "village say trade has fallen by a third since then.\n"
)


@pytest.mark.parametrize("row", ["Share · Post · Mail", "Facebook Twitter LinkedIn Email", "Copy link | Print"])
def test_a_row_of_share_buttons_is_never_the_title(row: str) -> None:
    article = scrubber.scrub(f"Bridge closure to last until autumn\n\n{row}\n\n{STORY}", format="text")
    assert article.title == "Bridge closure to last until autumn"
    assert [(item.text, item.cleaner) for item in article.removed] == [(row, "share")]


def test_a_row_of_share_buttons_inside_the_story_goes() -> None:
    first, second = STORY.split("\n\n")
    article = scrubber.scrub(f"Bridge closure\n\n{first}\n\nShare · Post · Mail\n\n{second}", format="text")
    assert [item.reason for item in article.removed] == ["row of share prompt lines 'Share · Post · Mail'"]


def test_a_dump_of_one_short_sentence_is_its_own_article() -> None:
    article = scrubber.scrub("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", format="text")
    assert article.text == "Lorem ipsum dolor sit amet, consectetur adipiscing elit."


def test_linked_questions_and_exclamations_are_headlines_not_prose() -> None:
    """A list item that is all a link reads as a sentence only when it ends as a statement does: a rail of
    linked headlines that ask or exclaim (a text browser's dump, a Markdown one) stays out of the body."""
    article = scrubber.scrub(FIXTURES / "text" / "hindi_text_browser.txt")
    assert article.title == "पुल की मरम्मत शुरू, तीन महीने में खुलेगा रास्ता"
    assert [block.kind for block in article.body] == ["paragraph"] * 4
    story = (
        "The night train to the coast will run three times a week from May, the operator said on Monday, after "
        "a trial last summer filled every sleeper carriage.\n\nTickets go on sale next week. Fares start at the "
        "price of a day return, and bicycles travel free in the last carriage.\n\n"
    )
    titles = ["Why do sleeper trains cost more?", "Is this the end of the short-haul flight?",
              "Ten stations worth the trip!", "What happened to the dining car?", "Can rail beat the car on the coast?"]
    rail = "".join(f"* [{title}](/stories/{n})\n" for n, title in enumerate(titles))
    markdown = scrubber.scrub(story + rail + "\n[About](/about) [Contact](/contact)\n", format="text")
    assert [block.text[:14] for block in markdown.body] == ["The night trai", "Tickets go on "]


def test_a_table_of_contents_stands_between_the_headline_and_the_story() -> None:
    """The links of a table of contents (questions, which read as headlines) are neither counted as lines
    between the headline and the body nor taken for it, and the section heading they name is no headline."""
    article = scrubber.scrub(FIXTURES / "text" / "table_of_contents.txt")
    assert article.title == "Heat pumps explained: what they cost and how to get a grant"


def test_a_list_of_short_lines_in_an_article_dump_is_kept() -> None:
    """A dump that is all article (the text of the story's container) keeps its lists of short lines:
    names there are no row of buttons. A dump with more around the story (a menu) is judged as before."""
    path = FIXTURES / "text" / "article_list.txt"
    article = scrubber.scrub(path)
    assert [block.text for block in article.body] == path.read_text(encoding="utf-8").replace("\n\n", "\n").splitlines()
    page = scrubber.scrub("Home\nNews\nSport\nWeather\n\n" + path.read_text(encoding="utf-8"), format="text")
    assert [item.cleaner for item in page.removed] == ["navigation"] + ["controls"] * 8


STORIES = {
    "ja": "地方都市の商店街で、百年前に廃業した銭湯が地元の若者たちの手によって復活した。"
    "建物は古い木造の倉庫を改装したものだ。\n\n"
    "運営するのは、商店街に店を構える二十代から三十代の店主ら五人だ。開業初日には三百人以上が訪れたという。\n",
    "zh": "五月初，位于西南山区的一所小学迎来了学校历史上第一座天文台，"
    "配备了一台口径三十厘米的反射望远镜。\n\n"
    "校长介绍，学校共有四百多名学生，大部分孩子此前从未通过望远镜观察过星空，学校将每周开设两节天文课。\n",
    "ko": "서울시는 올해 여름부터 한강 공원 열 곳에 야간 도서관을 열고 "
    "시민들이 밤늦게까지 책을 읽을 수 있게 한다고 밝혔다.\n\n"
    "시 관계자는 지난해 시범 운영 기간에 하루 평균 천 명이 넘는 시민이 찾았다며 올해는 운영 기간을 늘린다고 말했다.\n",
}


@pytest.mark.parametrize(
    ("language", "line", "category"),
    [
        ("ja", "メニューをとばして、記事の本文エリアへ", "navigation"),
        ("zh", "跳到主要内容", "navigation"),
        ("ko", "본문 바로가기", "navigation"),
        ("zh", "分享到微信", "share"),
        ("ja", "Xでシェアする", "share"),
        ("ja", "はてなブックマークで共有する", "share"),
        ("ja", "リンクをコピーする", "share"),
        ("ja", "メールで送る", "share"),
        ("ja", "ログインする", "newsletter"),
        ("ja", "Xでポストする", "share"),
        ("ja", "新規登録", "newsletter"),
        ("ko", "뉴스레터 구독하기", "newsletter"),
        ("ja", "メールマガジン登録", "newsletter"),
        ("ja", "(写真：共同)", "credit"),
        ("ko", "[사진=연합뉴스]", "credit"),
    ],
)
def test_east_asian_residue_lines(language: str, line: str, category: str) -> None:
    """A residue line of a Chinese, Japanese or Korean page is removed by the cleaner of its category."""
    article = scrubber.scrub(f"{STORIES[language]}\n{line}\n", format="text")
    assert article.language == language
    assert [(item.text, item.cleaner) for item in article.removed] == [(line, category)]


@pytest.mark.parametrize(
    "line",
    ["家事の分担を夫婦で共有する", "防衛機密を米国に共有", "被災地の情報を住民で共有",
     "首相、Xにポスト", "大谷選手がインスタにポスト"],
)
def test_a_japanese_headline_about_sharing_is_no_share_button(line: str) -> None:
    """Only a service named before で/に makes a line of シェア/共有/ポスト a share button: a headline
    shares a thing with people."""
    assert not is_residue(line, ("ja",))
    article = scrubber.scrub(f"{line}\n\n{STORIES['ja']}", format="text")
    assert (article.title, article.removed) == (line, [])


def test_a_chinese_menu_of_pronoun_items_is_no_prose() -> None:
    """关于我们, 我的收藏: menu items hold function words (我, 们, 的) but are no clauses of a blog."""
    menus = "关于我们 联系我们 加入我们 广告服务 网站地图\n\n我的收藏 我的订阅 我的评论 退出登录"
    article = scrubber.scrub(f"{STORIES['zh']}\n{menus}\n\n版权所有 © 2024 本网\n", format="text")
    assert article.text == STORIES["zh"].strip()


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("zh", "7月1日电价上调 居民用电每度涨五分"),  # 电价, the power price, is no agency's 电
        ("zh", "3月1日電費調漲 家庭用戶每度漲五毛"),
        ("ja", "4月1日電力料金が値上げへ 大手10社"),
        ("ja", "2025年1月1日から変わること 年金や税制の見直し"),  # the date goes on into the headline
    ],
)
def test_a_headline_opening_with_a_date_is_no_dateline(language: str, headline: str) -> None:
    article = scrubber.scrub(f"{headline}\n\n{STORIES[language]}", format="text")
    assert article.title == headline


@pytest.mark.parametrize(("language", "headline"), [("ja", "速報 大雨 警報 発令"), ("zh", "习近平 会见 美国 总统")])
def test_a_headline_of_short_spaced_pieces_is_the_title_when_no_other_line_is(language: str, headline: str) -> None:
    """It looks like a menu run together, which gives way to any other headline-like line, not to none."""
    article = scrubber.scrub(f"{headline}\n\n{STORIES[language]}", format="text")
    assert article.title == headline


def test_japanese_prose_in_clauses_parted_by_spaces_is_no_row_of_items() -> None:
    """Its hiragana (particles, the endings of verbs) mark it as prose, where a row of headlines is kanji and
    katakana; the line must not cut the story in two. (The learned cleaner, a step of its own, is left out.)"""
    article = scrubber.scrub(FIXTURES / "text" / "japanese_spaced_prose.txt", exclude=["learned"])
    assert article.title == "雨の日の山歩き"
    assert [block.text[:6] for block in article.body] == ["朝から雨が降", "帰りは別の道", "家に着いたの"]


def test_a_photo_credit_inside_the_story_does_not_end_it() -> None:
    """The page's copyright line ends a dump's body; a photo credit in the story is only removed."""
    first, second = STORY.split("\n\n")
    article = scrubber.scrub(f"{first}\n\n(c) MEGA/WENN\n\n{second}\n© 2025 The Valley Herald\n", format="text")
    assert article.text == f"{first}\n\n{second.strip()}"
    assert [(item.text, item.cleaner) for item in article.removed] == [
        ("(c) MEGA/WENN", "credit"), ("© 2025 The Valley Herald", "credit")
    ]


@pytest.mark.parametrize("path", ["story_then_boxes.txt", "story_then_comments.txt"])
def test_a_box_of_other_stories_or_the_comments_end_the_story(path: str) -> None:
    """A box of other stories ("Read This Next": headlines with a sentence of teaser each) and the line
    that opens the comments ("View comments (3)") end a dump's body, though the teasers and the comments
    are prose too (stories/dumps of our own writing)."""
    article = scrubber.scrub(FIXTURES / "text" / path)
    assert article.title == "The Ferryman Who Counts the Herons"
    assert len(article.body) == 5
    assert article.body[-1].text.endswith("the numbers have to be honest first.\"")


@pytest.mark.parametrize(("category", "line"), [
    ("article_end", "Show all 84 comments"), ("article_end", "See all comments (8)"),
    ("article_end", "Comments are closed."), ("other_stories", "Recommended by Our Editors"),
    ("other_stories", "Editors' Recommendations"), ("other_stories", "Next Up In NFL"),
])
def test_lines_that_end_a_dumps_body(category: str, line: str) -> None:
    assert phrase_set(category, with_defaults(("en",))).is_line(line)


def test_markdown_links_and_source_line_ends_are_undone() -> None:
    """A converter's Markdown keeps the blocks inside a link and the line ends of the page's source: the
    link text stays with its blocks, a line going on in lower case joins its paragraph, and the items
    of a menu or a list, one a line, stay apart."""
    dump = (
        "[Newsletter\n\nNewsletters](/newsletters)\n[Home](/) [Local](/local)\n\n"
        "The ferry sailed again on Thursday, three weeks after\na storm tore the ramp away.\n"
        "Photo: Harbour Authority\n\n"
        "Categories\nLocal News\nWeather\n\n"
        "1. [![](/a.jpg)\n   Bridge works close the coast road](/local/bridge)\n2. [Festival returns](/local/festival)"
    )
    assert [(block.text, block.marked) for block in split_blocks(dump)] == [
        ("Newsletter", ""),
        ("Newsletters", ""),
        ("Home Local", ""),
        ("The ferry sailed again on Thursday, three weeks after a storm tore the ramp away.", ""),
        ("Photo: Harbour Authority", ""),
        ("Categories", ""),
        ("Local News", ""),
        ("Weather", ""),
        ("1.", ""),
        ("Bridge works close the coast road", ""),
        ("2. Festival returns", "list_item"),
    ]


def test_dumps_of_a_text_browser_and_a_wrapping_converter() -> None:
    """text_browser.txt and markdown_wrapped.txt are `lynx -dump -width=80` and html2text (78 columns) of
    tests/fixtures/sources/night_trains.html, a page of our own: both give its article, block for block."""
    lynx = scrubber.scrub(FIXTURES / "text" / "text_browser.txt")
    markdown = scrubber.scrub(FIXTURES / "text" / "markdown_wrapped.txt")
    assert lynx.title == markdown.title == "Night trains return to the valley line after a decade"
    assert (lynx.byline, lynx.date) == (markdown.byline, markdown.date) == ("By Tomas Whitfield", "2025-03-14")
    assert [(block.kind, block.text) for block in lynx.body] == [(block.kind, block.text) for block in markdown.body]
    assert len(lynx.body) == 6


def test_link_targets_with_spaces_in_their_query_are_no_text() -> None:
    """A text browser lists targets as the page wrote them, spaces in the query string and all."""
    dump = ("Body text.\n\nReferences\n\n   1. https://a.example/x\n"
            "   2. https://share.example/?u=x&t=Night trains return\n")
    assert [block.text for block in split_blocks(dump)] == ["Body text.", "References"]


def test_a_markdown_link_target_broken_by_the_wrap_is_still_a_link() -> None:
    """html2text wraps its lines, breaking long targets after a hyphen and inside a query's spaces."""
    dump = ("[Facebook](https://www.facebook.com/sharer.php?u=https://news.example/night-\ntrains&t=Night trains)\n"
            "[Twitter](https://twitter.com/intent/tweet?text=Night trains\nreturn&url=https://news.example/a)\n\n"
            "See [the timetable](/transport/night-\ntrains-timetable) for times.\n\n[A](/a) [B](/b)")
    assert [block.text for block in split_blocks(dump)] == [
        "Facebook", "Twitter", "See the timetable for times.", "A B"
    ]


def test_a_list_item_that_is_all_a_link_is_told_apart() -> None:
    dump = ("* [Council approves a new footbridge over the river](/a1)\n"
            "* Passengers can book from Monday, [the operator said](/b).\n\n"
            "     * [1]Bakery on the high street closes its doors\n     * [2]Flood defences raised\n   [3]Home\n")
    assert [(block.text, block.marked, block.link_item) for block in split_blocks(dump)] == [
        ("Council approves a new footbridge over the river", "list_item", True),
        ("Passengers can book from Monday, the operator said.", "list_item", False),
        ("Bakery on the high street closes its doors", "list_item", True),
        ("Flood defences raised", "list_item", True),
        ("Home", "", False),
    ]


WRAPPED_PARAGRAPH = (
    "   Passengers boarded the first overnight service between the coast and\n"
    "   the upper valley on Friday evening, ten years after the last sleeper\n"
    "   carriages were withdrawn because of falling demand and the cost of\n"
    "   staffing the small stations along the route, the authority said.\n"
)


def test_a_wrapped_list_item_is_joined_but_a_nested_menu_is_not() -> None:
    """A text browser wraps a list item with a hanging indent; short lines at that indent after a short
    item are the entries of a nested menu, each a block of its own."""
    dump = (WRAPPED_PARAGRAPH + "\n"
            "     * Council approves a new footbridge over the river at Millford and\n"
            "       after years of delay\n"
            "     * Menu\n       Local\n       Sport\n")
    assert [block.text for block in split_blocks(dump)][1:] == [
        "Council approves a new footbridge over the river at Millford and after years of delay",
        "Menu", "Local", "Sport",
    ]


def test_a_link_item_never_goes_on_from_the_line_before() -> None:
    """japanese_link_list_layout.txt: a list of linked headlines as long as each other looks wrapped at the
    longest one's width; each item is still a block of its own, not run on from the item before."""
    blocks = split_blocks((FIXTURES / "text" / "japanese_link_list_layout.txt").read_text(encoding="utf-8"))
    items = [block.text for block in blocks if block.link_item]
    assert len(items) == 6
    assert items[-1] == "市内の小学校で読書週間 図書館の司書が出張して読み聞かせ、子どもたちや保護者にも好評"


def test_a_wrapped_dump_with_an_unbreakable_line_is_still_rejoined() -> None:
    """A word longer than the column (a link) stands alone on a line past it: the dump is still wrapped.
    Words past the column are a paragraph on one line: that dump is not wrapped."""
    link = "   https://valleycourier.example/" + "a" * 90 + "\n   is where the timetable is.\n"
    blocks = split_blocks(WRAPPED_PARAGRAPH + "\n" + link)
    assert [block.text[:38] for block in blocks] == ["Passengers boarded the first overnight", "https://valleycourier.example/aaaaaaaa"]
    paragraph = "   The timetable is published on the website of the authority, " * 2 + "\n   with the fares.\n"
    assert len(split_blocks(WRAPPED_PARAGRAPH + "\n" + paragraph)) == 4 + 2


def test_the_first_piece_of_a_wrapped_sentence_is_no_headline() -> None:
    """lynx wrapped the story's first sentence on a line holding a link number ("the [6]Meadow Trust"),
    which counts in the line as printed: the line is joined back. Where a wrap is not joined back (a
    dump that puts the pieces apart), a line the next one goes on from (in lower case, to a sentence end)
    is part of the story, not its headline."""
    article = scrubber.scrub(FIXTURES / "text" / "text_browser_unjoined_wrap.txt")
    assert article.title == "The Hedgerow Year: Planting for Birds Before the Frost"
    assert article.body[0].text.startswith("This piece is part of a series with the Meadow Trust, a charity devoted to")
    story = "Hedges of hawthorn and field maple feed more birds than any feeder can, and they ask for little.\n\n"
    dump = ("Home\n\nGardens\n\nThe Hedgerow Year: Planting for Birds\n\n"
            "This piece is part of a series with the Meadow Trust, a charity\n\ndevoted to wild corners.\n\n"
            "Photo: Ada Lennox\n\n" + story * 3)
    assert scrubber.scrub(dump, format="text").title == "The Hedgerow Year: Planting for Birds"


def test_a_story_wrapped_into_lines_of_no_score_opens_at_its_first_paragraph() -> None:
    """unjoined_wrapped_story.txt: a story wrapped at 70 columns under a menu line past 100 columns, which
    keeps the dump from being joined back; its lines end sentences seldom, so they score as short lines.
    The densest run opens at the last line of the first paragraph (the first line that scores): the whole
    wrapped paragraph is pulled in, and the first paragraphs whose lines joined back are prose open the
    body, not the first line that scores as prose alone."""
    article = scrubber.scrub(FIXTURES / "text" / "unjoined_wrapped_story.txt")
    assert article.title == "Ferry pier to close for two years of repairs"
    assert article.body[0].text == "The harbour authority voted on Tuesday evening to close the old ferry"
    assert article.body[-1].text == "the larger ferries now on order."
    assert len(article.body) == 20


def test_a_text_browser_dump_is_measured_as_printed() -> None:
    """text_browser_columns.txt (lynx -dump -width=80 of a page of our own, with a rail added by hand):
    lynx wraps indented text short of its widest line (74 columns, where the headline reaches 77),
    counts link numbers and indentation in a line, and puts a numbered item's next lines where its text
    starts. Each paragraph, numbered headline and teaser comes back whole; a line indented otherwise
    than the lines before it (the next link of a rail) starts a block of its own."""
    blocks = [block.text for block in split_blocks((FIXTURES / "text" / "text_browser_columns.txt").read_text())]
    assert blocks[5] == ("The footbridge at Lower Wendham reopened on Saturday morning, four months after a flood "
                         "carried away part of its oak deck and the district council closed it to walkers and "
                         "cyclists for the winter.")
    assert "2. Anglers count more trout in the upper river than in any year since the records began" in blocks
    assert "Walkers asked to keep dogs on leads on the meadows below the weir until July" in blocks
    assert "Market hall at Wendham to open on Sundays from the first week of May, traders say" in blocks
    assert blocks[-4:-2] == [
        "Divers have found the wreck of a barge that sank below the weir a century ago; a survey of the river "
        "bed turned up its boiler and keel",
        "Walkers asked to keep their dogs on leads on the meadows until July",
    ]


def test_a_menu_entrys_blurb_in_a_text_browser_dump_weighs_as_its_link() -> None:
    """text_browser_menu_blurbs.txt (lynx -dump -width=80 of a page of our own): a mega-menu whose two
    programme links have a paragraph each under them, indented to where the link's text starts. They
    are what the links lead to, not the page's text: the body is the story, not the menu's blurbs on."""
    article = scrubber.scrub(FIXTURES / "text" / "text_browser_menu_blurbs.txt")
    assert article.title == "Bridge at Lower Wendham reopens after flood repairs"
    assert article.text.startswith("The footbridge at Lower Wendham reopened on Saturday morning")
    assert "Every week our reporters" not in article.text


def test_a_text_browser_list_whose_every_link_is_described_keeps_its_descriptions() -> None:
    """text_browser_directory.txt (lynx -dump -width=80 of a page of our own): a directory, each link with
    a line under it. Where most links of a list are described, the list is what the page is about."""
    article = scrubber.scrub(FIXTURES / "text" / "text_browser_directory.txt")
    assert "Holds the society's minutes since 1901 and a run of the parish magazine." in article.text
    assert "Letters of the lock keepers and their logbooks of floods." in article.text


def test_a_story_that_opens_with_a_lower_case_name_keeps_its_headline_and_byline() -> None:
    """A sentence may open with a name written in lower case first ("iPhone", "eBay", "de Blasio"): the
    headline or byline before it is no first piece of a wrapped sentence."""
    story = "The company said demand had been stronger than expected in every region, and it raised its forecast.\n\n"
    for lead in ("iPhone sales began on Friday across the country, with queues outside stores in several cities.",
                 "eBay said on Tuesday that it would cut two thousand jobs across its offices in Europe and Asia."):
        article = scrubber.scrub(f"Home\n\nNews\n\nNew phones go on sale across Europe\n\n{lead}\n\n" + story * 3,
                                 format="text")
        assert article.title == "New phones go on sale across Europe"
        assert article.body[0].text == lead
    lead = "de Blasio said on Tuesday that the city would spend more on its parks next year."
    article = scrubber.scrub(f"Home\n\nCity unveils its plan for the parks\n\nBy Jane Doe\n\n{lead}\n\n" + story * 3,
                             format="text")
    assert (article.title, article.authors, article.body[0].text) == ("City unveils its plan for the parks",
                                                                      ["Jane Doe"], lead)


def test_a_marked_heading_before_the_body_is_the_title_over_a_longer_summary() -> None:
    """In Markdown the page's headline is marked; a longer summary line under it is not the title."""
    dump = ("[Home](/) [News](/news) [Sport](/sport)\n\n# Night trains return to the valley line\n\n"
            "A decade after the sleepers were withdrawn, walkers and climbers can ride overnight to the hills again\n\n"
            "By Tomas Whitfield\n\n" + "Passengers boarded the first overnight service on Friday evening, ten years "
            "after the last sleeper carriages were withdrawn because of falling demand.\n\n" * 3)
    assert scrubber.scrub(dump, format="text").title == "Night trains return to the valley line"


@pytest.mark.parametrize(
    ("text", "authors"),
    [("By car", None), ("By Train", None), ("By Jane Doe", ["Jane Doe"]), ("By Jane Doe and Susan", ["Jane Doe"])],
)
def test_a_byline_line_names_a_person_in_full(text: str, authors: list[str] | None) -> None:
    """A "How to get there" section's "By car" is no byline: a single word after "By" may be any noun."""
    assert parse_byline(text, ("en",)) == authors


def test_a_headline_a_converter_wrapped_is_joined_back() -> None:
    """A converter that wraps its Markdown (html2text) cuts a long headline like any line; it puts a blank
    line after a heading, so a plain line right under a heading line of a wrapped line's length is the
    rest of it. A heading followed by a sentence, a short heading and a rail's lower-level heading are
    left as they are."""
    article = scrubber.scrub(FIXTURES / "text" / "converter_wrapped_headline.txt")
    assert article.title == "Volunteers replant the old orchard on the hill above the village after the winter storms"
    links = "[Home](/) [News](/news) [Sport](/sport)\n\n"
    story = ("Passengers boarded the first overnight service on Friday evening, ten years after the last\n"
             "sleeper carriages were withdrawn because of falling demand.\n\n") * 3
    kept_apart = [
        ("# Night trains return to the valley line after ten years without a service\n"
         "The operator says the first week is sold out.\n\n"),
        "# Night trains return\nto the valley\n\n",
    ]
    for head in kept_apart:
        blocks = split_blocks(links + head + story)
        assert [block.text for block in blocks if block.marked == "heading"] == [head.split("\n")[0][2:]]
    rail = "#### Night trains return to the valley line after ten years, and the walkers\nare glad\n\n"
    assert [block.text for block in split_blocks(links + rail + story) if block.marked == "heading"] == [
        rail.split("\n")[0][5:]
    ]


def test_a_listing_keeps_every_item_not_one() -> None:
    """A shop's category page (a dump of our own writing) has no story: each game has one sentence of
    teaser between its title, a long row of tags, its date, reviews, price and a button, which cost more
    than the teaser weighs, so the densest run is one teaser. The body is the list of them."""
    article = scrubber.scrub(FIXTURES / "text" / "game_shop_listing.txt")
    teasers = [block.text for block in article.body if block.text.endswith(".")]
    assert [teaser.split(",")[0].split(" ")[0] for teaser in teasers] == ["Gather", "Two", "Fly", "Feed", "Plant"]
    assert not any("Privacy" in block.text or "wishlist" in block.text for block in article.body)


def test_a_listing_of_short_lines_keeps_its_items() -> None:
    """A listing with no prose at all (a dump of our own writing: meetups, each a date, a title and a
    "Workshop in Kendal, Cumbria · 19 going" line) loses to the one paragraph of the page, a blurb at its
    foot. The lines its template repeats for every item (the dates, the "N going" lines) mark the span of
    the list, which is the body."""
    article = scrubber.scrub(FIXTURES / "text" / "meetup_listing.txt")
    texts = [block.text for block in article.body]
    titles = ["Seed Swap at the Old Corn Exchange", "Pruning Fruit Trees for Beginners",
              "Community Orchard Planting Day", "No Dig Beds with the Allotment Society",
              "Spring Plant Fair and Cake Stall", "Wildflower Meadow Walk and Talk"]
    assert all(title in texts for title in titles)
    assert sum(text.endswith(" going") for text in texts) == 6
    assert not any(text in ("Sign in", "Privacy", "Sort by date") for text in texts)


def test_a_wrapped_story_is_a_story_and_keeps_a_rail_out() -> None:
    """wrapped_story_over_rail.txt (our own writing): a story wrapped at 72 columns under a menu line past
    100 columns, which keeps the dump from being joined back, then a rail of "Carrow Live:" items, each
    with its age. The story's lines seldom end a sentence, so line by line no two prose paragraphs stand
    together and the run read as no story: the rail's repeated lines were taken for a listing and joined
    to the body. Its paragraphs joined back are prose, so it is a story and the rail stays out."""
    article = scrubber.scrub(FIXTURES / "text" / "wrapped_story_over_rail.txt")
    assert article.title == "Island pupils clear a mile of storm rubbish from the beach"
    assert article.body[0].text.startswith("Volunteers on the island of Carrow")
    assert article.body[-1].text == "up before the first of the spring storms."
    assert not any(block.text.startswith("Carrow Live") for block in article.body)


def test_a_short_notice_over_a_listing_is_no_story() -> None:
    """notice_over_listing.txt (our own writing): a walking club's list of walks, each a date, a route and
    a "Led by ... · N places left" line, under a notice of two short paragraphs about the browser. The
    notice is two prose paragraphs together, but 34 words are too few for a story: the lines the
    listing's template repeats still mark the body, and the walks are kept."""
    article = scrubber.scrub(FIXTURES / "text" / "notice_over_listing.txt")
    texts = [block.text for block in article.body]
    assert "Helvellyn by Striding Edge" in texts
    assert sum(text.startswith("Led by ") for text in texts) == 5
    assert not any(text in ("Sign in", "Privacy", "Contact") for text in texts)


def test_a_wrapped_cookie_notice_over_a_listing_is_no_story() -> None:
    """consent_over_listing.txt (our own writing): the walking club's list of walks under a cookie notice
    and a short paragraph, wrapped at 72 columns under a menu line past 100 columns, so they are not
    joined back. Joined back for the story test, the notice and the paragraph are two prose paragraphs
    together and enough words for a story, which would leave the walks out; the notice asks for consent,
    so it counts against the story, and the lines the listing's template repeats mark the body."""
    article = scrubber.scrub(FIXTURES / "text" / "consent_over_listing.txt")
    texts = [block.text for block in article.body]
    assert "Helvellyn by Striding Edge" in texts
    assert sum(text.startswith("Led by ") for text in texts) == 5
    assert not any("cookies" in text for text in texts)

def test_a_link_s_description_wrapped_into_lines_weighs_as_its_link_joined_back() -> None:
    """The story test weighs a wrapped paragraph joined back; a menu entry's blurb that a text browser
    wrapped under its link is what the link leads to, no prose of the page, joined or not."""
    blocks = split_blocks("   * [1]Home\n   * [2]Ferries\n"
                          "     Our guide to the island's ferries, their timetables and\n"
                          "     fares, and the harbours they sail from in the winter months.\n"
                          "   * [3]Walks\n   * [4]Where to stay\n   * [5]Contact\n")
    scores = [_score(block, is_sentence_like(block.text)) for block in blocks]
    assert _paragraph_scores(blocks, scores, _wrap_cuts(blocks), set(), 0, len(blocks)) == [-1] * 6
