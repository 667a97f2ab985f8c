#!/usr/bin/env python3
"""Makes two Word files as office users make them, with python-docx (Word's own default template):
docx-python-docx-direct-formatting.docx (no heading styles, everything by direct formatting:
fonts and sizes on runs, centred and right-aligned paragraphs, first-line indents; a header and a
footer; a Word table), docx-merged-cells-table.docx (a table with cells merged down a column
and across two columns), and two whose 红头 mark is typed in a text box, as Word templates do:
docx-textbox-mark-vml.docx (a VML text box) and docx-textbox-mark-drawingml.docx (Word 2010's
form: a DrawingML text box with its VML fallback, in mc:AlternateContent); and
docx-copied-from-pdf.docx, notice-copied-from-pdf.txt pasted into Word a line a paragraph; and
docx-reply-form-empty-rows.docx, a meeting notice whose 回执 is a table of empty rows to fill in;
and two whose 版头 is laid out in a borderless table, as Word templates do:
docx-report-head-table-signer.docx (发文字号 | 签发人, a 署名 pushed right with spaces, the 版记 a
table) and docx-joint-mark-table.docx (two organs one above the other, "文件" merged beside them).
Needs: pip install python-docx."""
from docx import Document
from docx.shared import Pt, Mm
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

d = Document()
sec = d.sections[0]
sec.page_width, sec.page_height = Mm(210), Mm(297)
sec.header.paragraphs[0].text = "青河市人民政府办公室"
sec.footer.paragraphs[0].text = "第 1 页"

def para(text, size=16, font="仿宋_GB2312", bold=False, align=None, indent=True):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.font.size = Pt(size); r.font.bold = bold; r.font.name = font
    r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    return p

para("青河市人民政府办公室", 22, "方正小标宋简体", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
para("关于开展2027年春季植树造林活动的通知", 22, "方正小标宋简体", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
para("青政办发〔2027〕3号", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
para("")
para("各县（市、区）人民政府，市政府各部门：", indent=False)
para("为深入践行绿水青山就是金山银山理念，持续推进国土绿化，经市政府同意，现就开展2027年春季植树造林活动有关事项通知如下。")
p = para("一、目标任务", font="黑体")
para("全市完成人工造林2.5万亩、封山育林3万亩、退化林修复1.2万亩，义务植树300万株。各地任务分解如下：")
t = d.add_table(rows=4, cols=3)
t.style = "Table Grid"
for r, row in enumerate([["地区", "人工造林（万亩）", "义务植树（万株）"], ["青河县", "0.8", "90"], ["白沙县", "0.9", "110"], ["临江区", "0.8", "100"]]):
    for c, v in enumerate(row):
        t.cell(r, c).text = v
para("二、工作要求", font="黑体")
para("（一）加强组织领导。各地要成立由政府主要负责同志任组长的工作领导小组，层层压实责任。", font="楷体_GB2312")
para("（二）科学规划设计。坚持因地制宜、适地适树，优先使用乡土树种，提高造林成活率。")
p = para("（三）严格检查验收。市林业局要会同有关部门，对各地造林情况进行检查验收，检查结果纳入年度目标考核。")
r = p.add_run("\u3000")
para("三、其他事项", font="黑体")
para("请各地于2027年4月30日前将植树造林完成情况报市林业局。")
para("联系人：王林，电话：0731-8888666")
para("")
para("附件：2027年春季植树造林任务分解表")
para("")
para("青河市人民政府办公室", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
para("2027年1月15日", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
para("（此件公开发布）")
d.save("docx-python-docx-direct-formatting.docx")


# A table with merged cells: 基础设施 down two rows (w:vMerge), 合计 across two columns (w:gridSpan).
d = Document()
d.add_paragraph("关于报送2027年度项目资金需求的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
d.add_paragraph("各乡镇人民政府：")
d.add_paragraph("现将2027年度项目资金需求汇总如下：")
t = d.add_table(rows=4, cols=4)
t.style = "Table Grid"
rows = [["类别", "项目", "金额（万元）", "备注"], ["基础设施", "道路硬化", "300", ""],
        ["", "桥梁维修", "120", "续建"], ["合计", "", "420", ""]]
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        t.cell(r, c).text = v
t.cell(1, 0).merge(t.cell(2, 0))
t.cell(3, 0).merge(t.cell(3, 1))
d.add_paragraph("请于1月20日前报送。")
d.add_paragraph("")
d.add_paragraph("县财政局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
d.add_paragraph("2027年1月5日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
d.save("docx-merged-cells-table.docx")


from docx.oxml import parse_xml

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')


def text_box(text):
    return (f'<w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
            f'<w:color w:val="FF0000"/><w:sz w:val="72"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent>')


def vml_box(text):
    return (f'<w:pict><v:shape id="mark" style="position:absolute;width:400pt;height:60pt" '
            f'stroked="f"><v:textbox>{text_box(text)}</v:textbox></v:shape></w:pict>')


def drawingml_box(text):
    return ('<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" '
            'distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5000000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapNone/><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
            f'<wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{text_box(text)}</wps:txbx><wps:bodyPr/>'
            '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback>{vml_box(text)}</mc:Fallback></mc:AlternateContent>')


def marked_notice(box, mark, number, title, recipients, text, organ, date, name):
    d = Document()
    d.add_paragraph()._p.append(parse_xml(f"<w:r {NS}>{box(mark)}</w:r>"))
    for line in (number, title):
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(recipients)
    for t in text:
        d.add_paragraph(t)
    for line in (organ, date):
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(name)


marked_notice(vml_box, "青河县人民政府文件", "青政发〔2027〕2号",
              "青河县人民政府关于做好2027年春节期间有关工作的通知", "各乡镇人民政府，县政府各部门：",
              ["春节将至，为确保全县人民度过一个欢乐祥和、安全稳定的节日，现就做好春节期间有关工作通知如下。",
               "一、切实保障市场供应。各乡镇、各有关部门要加强粮油肉蛋菜等重要民生商品的产销衔接，确保市场供应充足、价格基本稳定。",
               "二、切实抓好安全生产。要深入开展安全隐患排查整治，严防各类安全事故发生。"],
              "青河县人民政府", "2027年1月10日", "docx-textbox-mark-vml.docx")
marked_notice(drawingml_box, "中共青河县委办公室文件", "青办发〔2027〕1号",
              "中共青河县委办公室关于做好2027年元旦春节期间走访慰问工作的通知", "各乡镇党委，县直各单位党组织：",
              ["为切实做好元旦春节期间走访慰问工作，把党和政府的温暖送到群众心坎上，现就有关事项通知如下。",
               "一、突出慰问重点。重点走访慰问困难群众、老党员、老干部和因公牺牲干部家属。",
               "二、严守纪律规矩。走访慰问要轻车简从，严禁借机公款吃喝、违规发放津补贴。"],
              "中共青河县委办公室", "2027年1月3日", "docx-textbox-mark-drawingml.docx")


# Text copied out of a PDF and pasted into Word: each line of the PDF a paragraph of its own.
d = Document()
for line in open("notice-copied-from-pdf.txt", encoding="utf-8").read().split("\n"):
    if line.strip():
        d.add_paragraph(line)
d.save("docx-copied-from-pdf.docx")


# A meeting notice with its 回执: a table whose rows are left empty, to be filled in.
d = Document()
d.add_paragraph("关于召开全县档案工作会议的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
d.add_paragraph("各乡镇人民政府，县直各单位：")
d.add_paragraph("经研究，定于2027年3月10日上午9:00在县档案馆二楼会议室召开全县档案工作会议，请各单位分管负责同志参加，并于3月8日前报送参会回执。")
d.add_paragraph("附件：参会回执")
d.add_paragraph("县档案局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
d.add_paragraph("2027年3月1日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
d.add_paragraph("附件")
d.add_paragraph("参会回执").alignment = WD_ALIGN_PARAGRAPH.CENTER
t = d.add_table(rows=4, cols=4)
t.style = "Table Grid"
for c, v in enumerate(["单位", "姓名", "职务", "联系电话"]):
    t.cell(0, c).text = v
d.save("docx-reply-form-empty-rows.docx")


# A 报告 from a Word template: the red mark by direct formatting, the 发文字号 and 签发人 in a
# borderless table, text indented with full-width spaces, 署名 and date pushed right with spaces,
# a 附注, and the 版记 as a bordered table.
d = Document()
def typed(text, size=16, align=None):
    p = d.add_paragraph()
    r = p.add_run(text)
    r.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    return p
typed("宁安县人民政府文件", 42, WD_ALIGN_PARAGRAPH.CENTER)
typed("")
t = d.add_table(rows=1, cols=2)
t.cell(0, 0).text = "宁政〔2026〕5号"
t.cell(0, 1).text = "签发人：李明"
t.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
typed("")
typed("宁安县人民政府关于2027年度财政预算草案的报告", 22, WD_ALIGN_PARAGRAPH.CENTER)
typed("")
typed("宁州市人民政府：")
typed("　　根据《中华人民共和国预算法》有关规定，现将我县2027年度财政预算草案报告如下：")
typed("　　一、2026年预算执行情况")
typed("　　2026年全县一般公共预算收入完成18.6亿元，增长5.3%；一般公共预算支出完成42.1亿元，增长4.8%。")
typed("　　二、2027年预算草案")
typed("　　（一）一般公共预算。全县一般公共预算收入预计19.5亿元，增长4.8%。")
typed("　　（二）政府性基金预算。全县政府性基金预算收入预计12.3亿元。")
typed("　　特此报告。")
typed("")
typed("")
typed("                              宁安县人民政府")
typed("                              2026年12月3日")
typed("　　（联系人：赵敏，电话：0591-55667788）")
typed("")
t = d.add_table(rows=2, cols=1)
t.style = "Table Grid"
t.cell(0, 0).text = "抄送：县委办公室，县人大常委会办公室，县政协办公室。"
t.cell(1, 0).text = "宁安县人民政府办公室                 2026年12月3日印发"
d.save("docx-report-head-table-signer.docx")


# A joint notice whose mark is a table: the two organs one above the other, "文件" in a cell
# merged down beside them.
d = Document()
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "宁安县教育局"
t.cell(1, 0).text = "宁安县财政局"
t.cell(0, 1).merge(t.cell(1, 1)).text = "文件"
d.add_paragraph("宁教〔2027〕3号").alignment = WD_ALIGN_PARAGRAPH.CENTER
d.add_paragraph("关于做好2027年春季学期学生资助工作的通知").alignment = WD_ALIGN_PARAGRAPH.CENTER
d.add_paragraph("各中小学校：")
d.add_paragraph("　　为切实做好学生资助工作，现就有关事项通知如下：请各学校于3月15日前报送资助名单。")
d.add_paragraph("宁安县教育局　　　　宁安县财政局")
d.add_paragraph("2027年2月20日")
d.save("docx-joint-mark-table.docx")
