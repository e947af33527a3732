from __future__ import annotations

from extractors.normalise import is_debris, looks_traditional, nfkc, normalise, to_mainland


def test_nfkc_full_width_digits_and_punctuation():
    assert nfkc("（一）１２３，：") == "(一)123,:"
    assert nfkc("行政许可\u3000１０４件\u00a0") == "行政许可 104件 "


def test_tw2sp_restores_mainland_wording():
    assert to_mainland("規範性檔案在市政府入口網站公開") == "规范性文件在市政府门户网站公开"
    assert to_mainland("陽江市人民政府政府信息公開工作年度報告") == "阳江市人民政府政府信息公开工作年度报告"


def test_simplified_text_is_left_alone():
    # tw2sp would turn the mainland 程序 into 进程; simplified text must not go through it.
    text = "规范依申请公开程序,做到程序合法。"
    assert not looks_traditional(text)
    assert to_mainland(text) == text


def test_debris_lines():
    for line in ("headerBg", "首页 > 政务公开 > 政府信息公开年报 > 2019", "[字体: ] 打印", "打开APP阅读全文",
                 "扫一扫在手机上查看当前页面", "分享到:", "您现在的位置: 首页 > 信息公开", "关闭", "打印",
                 "前往APP查看全文,体验更佳!"):
        assert is_debris(line), line
    for line in ("一、总体情况", "发布日期:2021-01-21 15:24 文章来源:本网 【 字体: 】 访问量: -", "0", "打印机采购5台"):
        assert not is_debris(line), line


def test_normalise_strips_and_collapses_but_keeps_content():
    raw = "headerBg\n首页 > 信息公开\n\n\n標題\n\n\n１２\n  本年新  \n打开APP阅读全文\n\n"
    assert normalise(raw) == "標題\n\n12\n本年新"


def test_normalise_converts_traditional_document():
    raw = "陽江市人民政府2019年政府信息公開工作年度報告\n規範性檔案\n８３"
    assert normalise(raw).split("\n") == ["阳江市人民政府2019年政府信息公开工作年度报告", "规范性文件", "83"]
