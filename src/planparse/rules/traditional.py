"""Traditional characters of the genre's vocabulary and their simplified forms, one to one.

Matching runs on text folded through this table, so that 牽頭 / 負責 / 貫徹落實 read like
牵头 / 负责 / 贯彻落实, while every name and phrase is still reported as printed.
"""

TRADITIONAL = (
    "頭牽責負單門處協辦實時間開動發佈續長堅態進與參會聯級內後個週關於據務點財區縣鄉鎮區華國"
    "貫徹劃規範統計劃則幹導領組織織設網絡應檢審報機構復執戰將並數據專項產業環節資訊訊證"
    "濟醫療衛歲護環經營農業學教職東條說為對從請達標體系"
)
SIMPLIFIED = (
    "头牵责负单门处协办实时间开动发布续长坚态进与参会联级内后个周关于据务点财区县乡镇区华国"
    "贯彻划规范统计划则干导领组织织设网络应检审报机构复执战将并数据专项产业环节资讯讯证"
    "济医疗卫岁护环经营农业学教职东条说为对从请达标体系"
)
