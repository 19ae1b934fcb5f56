/**
 * Chinese wording for the server's row-level error codes (`members.phone_invalid`,
 * `import.not_a_number`, …), matched on the part after the module. English shows the server's
 * own reason, which is written in English.
 */
const exact: Record<string, string> = {
  phone_invalid: '不是有效的中国大陆手机号（11 位，以 13–19 开头）',
  birthday_invalid: '生日不是有效日期（YYYY-MM-DD）',
  pickup_date_invalid: '提货日期不是有效日期（YYYY-MM-DD）',
  text_missing: '评价或投诉缺少文字内容',
  category_unknown: '未知的商品品类',
  amount_mismatch: '金额与单价 × 数量不符',
  discount_too_large: '优惠金额超过商品金额',
  refund_too_large: '退款金额超过实付金额',
  duplicate_in_batch: '同一批数据中编号重复',
  duplicate_id: '文件中编号重复',
  event_type_unknown: '未知的事件类型',
  unknown_field: '包含无法识别的字段',
  required: '缺少必填值',
  not_a_number: '不是数字',
  not_an_integer: '不是整数',
  negative: '不能为负数',
  fractional_fen: '金额精确到分，不能有更多小数',
  too_many_decimals: '小数位数过多',
  out_of_range: '超出允许范围',
  invalid_time: '不是有效时间',
  invalid_date: '不是有效日期',
  invalid_json: '不是有效的 JSON',
  invalid_value: '取值无效',
  invalid_boolean: '应为 是/否（1/0、true/false）',
  order_line_rejected: '同一订单的其他明细行有错误，整单未导入',
  order_field_mismatch: '同一订单各行的订单字段不一致',
  too_large: '数值过大',
  // rule problems of tags and segments
  tag_in_tag: '标签规则不能引用其他标签，请改用人群分群',
  unknown_tag: '引用的标签不存在',
  key_missing: '请选择一个品类',
  no_value_expected: '此比较方式不需要填写值',
  range_invalid: '区间需要两个数字，且下限不大于上限',
  list_invalid: '请至少选择一个值，且类型一致',
  one_value_expected: '请填写一个值',
  number_expected: '请填写数字',
  bool_expected: '是/否字段只能选“是”或“否”',
  text_expected: '文本字段只能用 等于、不等于、属于、不属于',
  unknown_community: '社区不存在',
};

export function reasonInChinese(code: string): string | null {
  const suffix = code.includes('.') ? code.slice(code.indexOf('.') + 1) : code;
  if (exact[suffix]) return exact[suffix];
  if (suffix.endsWith('_missing')) return '缺少必填值';
  if (suffix.endsWith('_in_future')) return '时间晚于当前时间（超出允许误差）';
  return null;
}
