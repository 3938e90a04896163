// Legacy path (issue 15): the record queries live in db/records/{list,read,filters}.ts and their types in
// domain/records/{list-options,views}.ts. This index is one import for callers that take from several of them.
export * from '@/db/records/filters';
export * from '@/db/records/list';
export * from '@/db/records/read';
export * from '@/domain/records/list-options';
export * from '@/domain/records/views';
