"""The ``pii_*`` repairs on whole pages: masked in kept paragraphs and in the published log."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import process_text
from zh_gov_essays.publish.writer import write_corpus
from zh_gov_essays.repair import BODY_REPAIRS
from zh_gov_essays.repair.pii import PLACEHOLDERS, is_resident_id, mask_pii
from zh_gov_essays.rules import apply_text_rules

# Our own page: a notice with a contact block in the body, and a footer with a mobile number.
PAGE = """关于开展机关作风建设专题调研的通知
发布时间：2023-04-12 来源：某县机关工委
各党支部：
为深入了解机关作风建设情况，现就开展专题调研有关事项通知如下。
一、调研内容
重点了解各单位落实首问负责、限时办结等制度的情况，收集群众对机关服务的意见和建议。
二、联系方式
联系人：李明，办公电话：0571-87654321，手机：13912345678，电子邮箱：liming_gw@example.gov.cn。
材料报送人身份证号11010519491231002X，请于4月20日前报送。
欢迎加入调研交流QQ群：123456789，或拨打政务服务热线12345咨询。
本次调研共涉及单位15000000000元以上项目，文号110105194912310021。
上一篇：关于做好春季防火工作的通知
联系电话：13800001111 网站邮箱：webmaster@example.gov.cn
"""


def test_contact_block_is_masked_and_named() -> None:
    doc = process_text(PAGE)
    text = "\n".join(p.text for p in doc.paragraphs)
    contact = next(p for p in doc.paragraphs if p.text.startswith("联系人"))
    assert contact.text == (
        "联系人：李明，办公电话：0571-87654321，手机：[MOBILE]，电子邮箱：[EMAIL]。"
    )
    assert {"pii_mobile", "pii_email"} <= set(contact.repairs)
    assert "身份证号[ID_NUMBER]，" in text
    assert "QQ群：[QQ]，" in text
    # Left alone: the office number, the hotline, an amount, an ID-like number failing its check.
    for kept in ("0571-87654321", "12345咨询", "15000000000元", "110105194912310021", "李明"):
        assert kept in text
    # The masked values are nowhere in the record, not even in the removed log.
    for value in ("13912345678", "liming_gw@example.gov.cn", "11010519491231002X", "123456789"):
        assert value not in text
        assert all(value not in r.text for r in doc.removed if r.rule.startswith("pii"))
    assert not [r for r in doc.removed if r.rule.startswith("pii")]


def test_masking_is_idempotent() -> None:
    doc = process_text(PAGE)
    body = BODY_REPAIRS
    for p in doc.paragraphs:
        again = apply_text_rules(p.text, body)
        assert again.text == p.text and not [r for r in again.repairs if r.startswith("pii")]


def test_published_removed_log_is_masked(tmp_path: Path) -> None:
    doc = process_text(PAGE)
    footer = [r.text for r in doc.removed if "13800001111" in r.text]
    assert footer  # the pipeline logged the footer line as it was printed
    stats = write_corpus([doc], tmp_path / "out")
    (path,) = (tmp_path / "out" / "documents").glob("*.parquet")
    removed = pq.read_table(path).column("removed").to_pylist()[0]
    published = " ".join(r["text"] for r in removed)
    assert "13800001111" not in published and "webmaster@example.gov.cn" not in published
    assert "联系电话：[MOBILE] 网站邮箱：[EMAIL]" in published
    assert stats.removed_pii_masked >= 1
    assert stats.repairs_by_name["pii_mobile"] == 1 and stats.repairs_by_name["pii_qq"] == 1


def test_checksum_and_placeholders() -> None:
    assert is_resident_id("11010519491231002X") and is_resident_id("11010519491231002x")
    assert not is_resident_id("11010519491231002Y")
    assert not is_resident_id("110105194902300025")  # 30 February
    assert set(PLACEHOLDERS.values()) == {"[EMAIL]", "[MOBILE]", "[ID_NUMBER]", "[QQ]"}
    assert mask_pii("電郵：chan.tm@example.hk，手機 +86 139 1234 5678") == (
        "電郵：[EMAIL]，手機 [MOBILE]"
    )


def test_clean_seed_text_is_untouched() -> None:
    """No seed essay carries a contact number: the repairs change none of their paragraphs."""
    from tests.conftest import seed_doc

    for prefix in ("000", "001", "002", "003", "004"):
        for p in seed_doc(prefix).paragraphs:
            assert not [r for r in p.repairs if r.startswith("pii")], p.text
