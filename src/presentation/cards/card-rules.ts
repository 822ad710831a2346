/**
 * Lark's Card JSON 2.0 rules, as its documentation states them, for the components this bot
 * sends (and those of the documentation examples its tests check). Each rule names its page;
 * the pages live under https://open.feishu.cn/document/feishu-cards/ (`…` below).
 *
 * Properties outside these lists are refused by the real client:
 * `…/card-json-v2-breaking-changes-release-notes` 属性校验变更: 「传入不支持的属性将报错」.
 */

/** `…/card-json-v2-structure` 全局属性. */
export const CARD_KEYS = ['schema', 'config', 'card_link', 'header', 'body'];

/** `…/card-json-v2-structure` 卡片全局行为设置 config. */
export const CONFIG_KEYS = [
  'streaming_mode', 'streaming_config', 'summary', 'locales', 'enable_forward', 'update_multi',
  'width_mode', 'use_custom_translation', 'enable_forward_interaction', 'style',
];

/** `…/card-json-v2-structure` body (「JSON 2.0 新增布局类属性」). */
export const BODY_KEYS = ['direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align', 'elements'];

/** `…/card-json-v2-components/content-components/title` 字段说明. */
export const HEADER_KEYS = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding'];

/** `…/card-json-v2-structure` header.template: 「支持 "blue"|"wathet"|…|"default"」. */
export const HEADER_TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default'];

/**
 * Text objects (`plain_text`, `lark_md`) inside a component: title, text, placeholder, label.
 * `…/content-components/plain-text` text └ tag/content/text_size/text_color/text_align/lines;
 * `…/configure-multi-language-content` i18n_content.
 */
export const TEXT_KEYS = ['tag', 'content', 'text_size', 'text_color', 'text_align', 'lines', 'i18n_content'];

/** Every component: `…/card-json-v2-breaking-changes-release-notes` 新增 element_id; 组件统一支持布局相关能力 (margin). */
const COMMON = ['tag', 'element_id', 'margin'];
/** Containers (components with `elements`): 组件统一支持布局相关能力, same page. */
const LAYOUT = ['direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align'];
/**
 * `fallback`: the documentation's own form and input examples carry it on components
 * (`…/containers/form-container` 示例代码), so it is accepted there; the card-level
 * `fallback` is the one JSON 2.0 dropped (breaking changes, fallback 字段变更).
 */
const FALLBACK = ['fallback'];

export interface TagRule {
  /** The page whose 字段说明 table lists these properties. */
  page: string;
  keys: string[];
  /** Extra properties allowed only inside a form container. */
  inForm?: string[];
  /** Takes part in a form's submitted data, so inside a form it needs a `name`. */
  formField?: boolean;
}

export const TAGS: Record<string, TagRule> = {
  markdown: { page: '…/content-components/rich-text', keys: [...COMMON, 'text_align', 'text_size', 'icon', 'content', 'i18n_content'] },
  div: { page: '…/content-components/plain-text', keys: [...COMMON, 'width', 'text', 'icon'] },
  hr: { page: '…/content-components/divider', keys: COMMON },
  chart: { page: '…/content-components/chart', keys: [...COMMON, 'aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'] },
  table: {
    page: '…/content-components/table',
    keys: [...COMMON, 'page_size', 'row_height', 'row_max_height', 'header_style', 'freeze_first_column', 'columns', 'rows'],
  },
  column_set: {
    page: '…/containers/column-set',
    keys: [...COMMON, 'horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'action', 'columns'],
  },
  column: {
    page: '…/containers/column-set',
    keys: [...COMMON, ...LAYOUT, 'background_style', 'width', 'weight', 'elements', 'action'],
  },
  collapsible_panel: {
    page: '…/containers/collapsible-panel',
    keys: [...COMMON, ...LAYOUT, 'expanded', 'background_color', 'header', 'border', 'elements'],
  },
  form: { page: '…/containers/form-container', keys: [...COMMON, ...LAYOUT, 'name', 'elements', ...FALLBACK] },
  /** `name` and `form_action_type` only 「内嵌在表单容器中的按钮组件」 (same page). */
  button: {
    page: '…/interactive-components/button',
    keys: [...COMMON, 'type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors'],
    inForm: ['name', 'form_action_type'],
    formField: true,
  },
  /** `value` and `confirm` are not in the table but are in the page's own JSON 结构. */
  input: {
    page: '…/interactive-components/input',
    keys: [
      ...COMMON, 'name', 'required', 'disabled', 'disabled_tips', 'placeholder', 'default_value', 'width', 'behaviors',
      'max_length', 'input_type', 'show_icon', 'rows', 'auto_resize', 'max_rows', 'label', 'label_position', 'value', 'confirm',
      ...FALLBACK,
    ],
    formField: true,
  },
  select_static: {
    page: '…/interactive-components/single-select-dropdown-menu',
    keys: [...COMMON, 'type', 'name', 'required', 'disabled', 'initial_option', 'initial_index', 'placeholder', 'width', 'behaviors', 'options', 'confirm'],
    formField: true,
  },
  /** The person picker's table has no `name`; the form page requires one on every form field (└ name). */
  select_person: {
    page: '…/interactive-components/single-select-user-picker',
    keys: [...COMMON, 'type', 'required', 'disabled', 'initial_option', 'placeholder', 'width', 'behaviors', 'options', 'confirm'],
    inForm: ['name'],
    formField: true,
  },
  date_picker: {
    page: '…/interactive-components/date-picker',
    keys: [...COMMON, 'name', 'required', 'disabled', 'placeholder', 'width', 'behaviors', 'initial_date', 'value', 'confirm'],
    formField: true,
  },
};

/** `…/card-json-v2-structure` 注意事项: 「一张卡片最多支持 200 个元素（如 tag 为 plain_text 的文本元素）或组件」. */
export const MAX_ELEMENTS = 200;

/**
 * `https://open.feishu.cn/document/server-docs/im-v1/message/create` 注意事项:
 * 「卡片消息、富文本消息请求体最大不能超过 30 KB」.
 */
export const MAX_BYTES = 30 * 1024;

/**
 * `…/card-json-v2-breaking-changes-release-notes` 新增 element_id: 「仅允许使用字母、数字和下划线，
 * 必须以字母开头，不得超过 20 字符」, 「在同一张卡片内，该字段的值全局唯一」.
 */
export const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;

/** `…/interactive-components/button` text └ content: 「最多支持 100 个字符」; the same for every placeholder. */
export const MAX_SHORT_TEXT = 100;

/** `…/interactive-components/input` max_length: 「可取 1~1,000 范围内的整数」. */
export const INPUT_MAX_LENGTH = 1000;

/**
 * `…/containers/form-container` 嵌套规则: 「表单容器不支持内嵌表格（table）和表单容器组件」;
 * breaking changes 容器类组件新增可内嵌的组件类型: 分栏、折叠面板、交互容器 likewise.
 */
export const NOT_NESTABLE = ['form', 'table'];

/** `…/interactive-components/button` form_action_type: submit | reset. */
export const FORM_ACTIONS = ['submit', 'reset'];

/** `…/configuring-card-interactions` behaviors: open_url and callback (with their fields). */
export const BEHAVIOR_KEYS: Record<string, string[]> = {
  open_url: ['type', 'default_url', 'android_url', 'ios_url', 'pc_url'],
  callback: ['type', 'value'],
};

/**
 * `…/content-components/rich-text` @所有人: 「@所有人需要群主开启权限。若未开启，卡片将发送失败」.
 * The bot never means to mention everyone, so any such tag is user text that escaped escaping.
 */
export const AT_ALL = /<at\s+(?:id|user_id|open_id)\s*=\s*["']?all["']?\s*>/i;

/**
 * `https://open.feishu.cn/document/feishu-cards/card-callback-communication` 使用卡片 JSON 代码响应:
 * toast {type: info|success|error|warning, content, i18n}, card {type: raw|template, data}.
 */
export const ANSWER_KEYS = ['toast', 'card'];
export const TOAST_KEYS = ['type', 'content', 'i18n'];
export const TOAST_TYPES = ['info', 'success', 'error', 'warning'];
