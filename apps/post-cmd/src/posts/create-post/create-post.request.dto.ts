import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_MESSAGE_LENGTH, MAX_USERNAME_LENGTH } from '../post.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreatePostRequestDto {
  @ApiProperty({ example: 'ada', maxLength: MAX_USERNAME_LENGTH })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_USERNAME_LENGTH)
  readonly author!: string;

  @ApiProperty({ example: 'Hello, world', maxLength: MAX_MESSAGE_LENGTH })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_MESSAGE_LENGTH)
  readonly message!: string;
}
