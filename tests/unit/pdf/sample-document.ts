import { deflateSync } from 'node:zlib';
import { levelFills } from '@/platform/pdf/colors';
import type { PdfDocument, TableCell } from '@/platform/pdf/types';
import { levels, type Level } from '@/domain/reference/level-codes';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small RGB PNG of a bar chart (one bar per level), standing in for a chart rendered elsewhere. */
export function barChartPng(width = 480, height = 240): Buffer {
  const bars = levels.map((l) => levelFills[l]);
  const heights = [0.35, 0.6, 0.8, 0.5];
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const slot = Math.floor((x / width) * bars.length);
      const inBar = x % (width / bars.length) > 15 && y > height * (1 - (heights[slot] ?? 0));
      const hex = inBar ? (bars[slot] ?? '#FFFFFF') : y === height - 1 ? '#333333' : '#FFFFFF';
      raw.writeUIntBE(parseInt(hex.slice(1), 16), row + 1 + x * 3, 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const LEVEL_LABELS: Record<Level, string> = { blue: '蓝', yellow: '黄', orange: '橙', red: '红' };
const INSTITUTES = ['中国科学院物理研究所', '化学研究所', '自动化研究所', '计算技术研究所', '上海微系统与信息技术研究所'];
const ISSUES = [
  '涉密项目人员出入境审批材料不完整',
  '科研数据跨境传输未履行安全评估程序，涉及 GitHub 公开仓库中的实验原始数据',
  '实验室危化品台账与实物不符',
  'VPN 账号共享',
  '合作协议中知识产权归属条款缺失，且外方合作单位近期被列入出口管制实体清单，需要立即复核全部在研项目的合作范围与数据交换记录',
];

/** 警示通报 with every block kind and a 200-row table of Chinese text with coloured level cells. */
export function buildSampleDocument(rowCount = 200): PdfDocument {
  const rows: TableCell[][] = Array.from({ length: rowCount }, (_, i) => {
    const level = levels[i % levels.length] ?? 'blue';
    return [
      String(i + 1),
      INSTITUTES[i % INSTITUTES.length] ?? '',
      ISSUES[(i * 3) % ISSUES.length] ?? '',
      { text: `${LEVEL_LABELS[level]}色`, fill: levelFills[level] },
      `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
    ];
  });
  return {
    title: '2026 年度科技安全警示通报',
    subtitle: '中国科学院 · 科技安全风险监测预警平台',
    meta: { author: '烽火', subject: '警示通报' },
    createdAt: new Date('2026-11-23T00:00:00Z'),
    footer: '烽火 · 生成于 2026-11-23 08:00',
    blocks: [
      { type: 'heading', text: '一、总体情况', level: 1 },
      {
        type: 'paragraph',
        text:
          '2026 年，全院共监测科技安全风险事项 200 项，其中红色预警 50 项、橙色预警 50 项。' +
          'Risk monitoring covered 5 institutes; 风险等级按“蓝、黄、橙、红”四级划分（IV 级至 I 级），' +
          '各单位应对照本通报逐项整改，并于 2026 年 12 月 31 日前报送整改情况。',
      },
      {
        type: 'keyValues',
        items: [
          { label: '通报单位', value: '中国科学院科技安全工作领导小组办公室' },
          { label: '通报范围', value: '院属各单位（共 5 个研究所）' },
          { label: '联系人', value: '张三，电话 010-1234 5678，邮箱 security@example.cn' },
        ],
      },
      { type: 'heading', text: '二、各级预警数量', level: 2 },
      { type: 'image', png: barChartPng(), width: 360 },
      { type: 'heading', text: '三、风险事项清单', level: 2 },
      {
        type: 'table',
        columns: [
          { label: '序号', width: 34, align: 'right' },
          { label: '单位', width: 110 },
          { label: '风险事项' },
          { label: '等级', width: 42, align: 'center' },
          { label: '发现日期', width: 66, align: 'center' },
        ],
        rows,
      },
      { type: 'pageBreak' },
      { type: 'heading', text: '四、工作要求', level: 1 },
      { type: 'paragraph', text: '请各单位高度重视，落实主体责任。' },
    ],
  };
}
