// The risk dimensions of a project assessment (DOMAIN.md §4; CAS §1, §5).
export const defaultDimensions = [
  { code: 'chokepoint', nameZh: '关键技术/材料/设备受制于人', nameEn: 'External dependency (chokepoint)', stage: 'all', sortOrder: 10 },
  { code: 'loss', nameZh: '重大人员/财产损失', nameEn: 'Major injury or property loss', stage: 'all', sortOrder: 20 },
  { code: 'regulatory', nameZh: '违反科技管理法律法规', nameEn: 'Regulatory breach', stage: 'all', sortOrder: 30 },
  { code: 'data', nameZh: '科学数据安全', nameEn: 'Scientific data security', stage: 'all', sortOrder: 40 },
  { code: 'ethics', nameZh: '科学伦理道德', nameEn: 'Research ethics', stage: 'all', sortOrder: 50 },
  { code: 'opinion', nameZh: '社会舆情', nameEn: 'Public opinion', stage: 'all', sortOrder: 60 },
  { code: 'secrecy', nameZh: '保密', nameEn: 'Confidentiality', stage: 'all', sortOrder: 70 },
  { code: 'publication', nameZh: '成果发表发布安全', nameEn: 'Publication security', stage: 'output', sortOrder: 80 },
  { code: 'patent', nameZh: '专利安全', nameEn: 'Patent security', stage: 'output', sortOrder: 90 },
] as const;

export type DimensionCode = (typeof defaultDimensions)[number]['code'];
export const coreDimensionCodes = defaultDimensions.filter((d) => d.stage === 'all').map((d) => d.code);
